#!/usr/bin/env python3
"""Builds the hostile and broken PDFs of tests/bad/ (issue 7). Called by make.sh; deterministic.

Each fixture is either damage done to corpus/000-lo.pdf (so a recoverable one must still give the
records of golden/000.json) or a small hand-written PDF. 000-lo.pdf is a classic PDF 1.6 from
LibreOffice: objects 1..74, page tree 52 (Kids 1 4 … 49, /Resources 74 0 R), catalog 75, info 76,
an xref table at the end.
"""
import re
import zlib

SRC = open("../../corpus/000-lo.pdf", "rb").read()


def startxref(b):
    return int(re.findall(rb"startxref\s+(\d+)", b)[-1])


def obj_body(b, num):
    """The text between 'num 0 obj' and 'endobj' (the last definition)."""
    m = list(re.finditer(rb"(?m)^%d 0 obj\s*(.*?)\s*endobj" % num, b, re.S))[-1]
    return m.group(1)


def update(base, objs, size=None):
    """Appends an incremental update (new or replaced objects, an xref section, a trailer with /Prev)."""
    out = bytearray(base)
    if not out.endswith(b"\n"):
        out += b"\n"
    offs = {}
    for num, body in objs.items():
        offs[num] = len(out)
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    x = len(out)
    out += b"xref\n"
    for num in sorted(offs):
        out += b"%d 1\n%010d 00000 n \n" % (num, offs[num])
    size = size or max(max(offs) + 1, 77)
    out += b"trailer\n<</Size %d/Root 75 0 R/Info 76 0 R/Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (size, startxref(base), x)
    return bytes(out)


def stream(data, extra=b""):
    return b"<</Length %d%s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def write(name, data):
    open(name, "wb").write(data)


def simple_pdf(content, font=b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>", extra=(), content_extra=b"", resources=b""):
    """A one-page PDF: catalog 1, pages 2, page 3, content 4, font 5, then `extra` objects 6, 7, …"""
    objs = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>%s>>/Contents 4 0 R>>" % resources,
        stream(content, content_extra),
        font,
    ] + list(extra)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return bytes(out)


TEXT = b"BT /F1 14 Tf 72 760 Td (KE HOACH trien khai Nghi quyet 57) Tj ET"

# --- Truncated at several offsets -------------------------------------------------------------
# 10% and 40% (existing truncated.pdf): only content streams survive, no page tree. 97%: the pages
# survive but the page tree and catalog are cut off. In the xref table: every object is intact, so
# the file is recovered by scanning its objects and extracts normally.
write("truncated-10.pdf", SRC[: len(SRC) // 10])
write("truncated-97.pdf", SRC[: len(SRC) * 97 // 100])
x = startxref(SRC)
write("truncated-xref.pdf", SRC[: x + (len(SRC) - x) // 2])

# --- Broken cross-reference table, objects intact ----------------------------------------------
# Every offset in the table 13 bytes too far: lopdf finds no object where the table points.
def shift(m):
    return b"%010d %s n " % (int(m.group(1)) + 13, m.group(2))
head, tail = SRC[:x], SRC[x:]
write("xref-offsets.pdf", head + re.sub(rb"(\d{10}) (\d{5}) n ", shift, tail))
# The table, trailer and startxref gone: only the objects and a final %%EOF.
write("xref-missing.pdf", head + b"%%EOF\n")

# The table missing and the font /F1 (object 57) wiped out: the rebuilt file lacks an object its
# pages use, so it is refused rather than read with text missing.
m = re.search(rb"(?m)^57 0 obj.*?endobj", head, re.S)
write("lost-object.pdf", head[: m.start()] + b" " * (m.end() - m.start()) + head[m.end():] + b"%%EOF\n")

# --- Reference cycles ----------------------------------------------------------------------------
pages = obj_body(SRC, 52)
# The page tree lists itself among its kids: naive walkers repeat every page forever (or until a cap).
write("cycle-kids.pdf", update(SRC, {52: pages.replace(b"49 0 R ]", b"49 0 R 52 0 R ]")}))
# A trailing blank page under a Pages node that is its own parent, with nothing to inherit from it:
# looking up the page's /Resources climbs the /Parent chain forever.
kids_plus = pages.replace(b"49 0 R ]", b"49 0 R 900 0 R ]").replace(b"/Count 17", b"/Count 18")
write("cycle-parent.pdf", update(SRC, {
    52: kids_plus,
    900: b"<</Type/Pages/Parent 900 0 R/Kids[901 0 R]/Count 1>>",
    901: b"<</Type/Page/Parent 900 0 R/MediaBox[0 0 595 842]/Contents 902 0 R>>",
    902: stream(b""),
}, size=903))
# A page whose /Contents is an object that is a reference to itself.
page1 = obj_body(SRC, 1)
write("self-reference.pdf", update(SRC, {
    1: page1.replace(b"/Contents 2 0 R", b"/Contents 903 0 R"),
    903: b"903 0 R",
}, size=904))
# A form XObject that draws itself (Do recursion without end).
form = b"q /Fm0 Do Q"
write("form-cycle.pdf", simple_pdf(
    TEXT + b" /Fm0 Do",
    extra=[stream(form, b"/Type/XObject/Subtype/Form/BBox[0 0 595 842]/Resources<</XObject<</Fm0 6 0 R>>>>")],
    resources=b"/XObject<</Fm0 6 0 R>>",
))

# --- Deeply nested objects (100 000 levels) ------------------------------------------------------
DEEP = 100_000
# In the dictionary of page 1.
write("deep-object.pdf", update(SRC, {1: page1.replace(b"/Contents 2 0 R", b"/Contents 2 0 R/Deep " + b"[" * DEEP + b"]" * DEEP)}))
# In a content stream, as an operand.
write("deep-content.pdf", simple_pdf(TEXT + b" " + b"[" * DEEP + b"]" * DEEP + b" pop"))

# --- Malformed fonts and ToUnicode maps ----------------------------------------------------------
def tounicode_font(cmap):
    return simple_pdf(
        TEXT,
        font=b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding/ToUnicode 6 0 R>>",
        extra=[stream(cmap)],
    )

CMAP_HEAD = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n"
CMAP_TAIL = b"\nendcmap CMapName currentdict /CMap defineresource pop end end\n"
# A range over all 2^32 codes: expanding it code by code exhausts memory.
write("tounicode-range.pdf", tounicode_font(CMAP_HEAD + b"1 beginbfrange\n<00000000> <FFFFFFFF> <0041>\nendbfrange" + CMAP_TAIL))
# Arrays nested 100 000 deep inside the map: a recursive parser overflows its stack.
write("tounicode-deep.pdf", tounicode_font(CMAP_HEAD + b"1 beginbfrange\n<00> <01> " + b"[" * DEEP + b"]" * DEEP + b"\nendbfrange" + CMAP_TAIL))
# Not a CMap at all.
write("tounicode-garbage.pdf", tounicode_font(bytes(range(256)) * 4))
# A Type0 font without its descendant font.
write("font-no-descendant.pdf", simple_pdf(TEXT, font=b"<</Type/Font/Subtype/Type0/BaseFont/Foo/Encoding/Identity-H>>"))

# --- A decompression bomb ----------------------------------------------------------------------
# A content stream compressed twice: 6 KiB on disk, 1 GiB of path operators once inflated.
def deflate_repeat(unit, total):
    c = zlib.compressobj(9)
    chunk = unit * ((1 << 20) // len(unit))
    out = []
    for _ in range(total // len(chunk)):
        out.append(c.compress(chunk))
    out.append(c.flush())
    return b"".join(out)

inner = deflate_repeat(b"0 0 m ", 1 << 30)
bomb = zlib.compress(inner, 9)
write("bomb.pdf", simple_pdf(bomb, content_extra=b"/Filter[/FlateDecode/FlateDecode]"))

# --- A page count in the thousands -------------------------------------------------------------
# 5 000 pages sharing one content stream and font; make.sh packs it into object streams with qpdf.
N = 5000
objs = [b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[%s]/Count %d/MediaBox[0 0 595 842]/Resources<</Font<</F1 3 0 R>>>>>>"
        % (b" ".join(b"%d 0 R" % (5 + i) for i in range(N)), N),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>",
        stream(b"BT /F1 12 Tf 72 420 Td (Trang) Tj ET")]
objs += [b"<</Type/Page/Parent 2 0 R/Contents 4 0 R>>"] * N
out = bytearray(b"%PDF-1.4\n")
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(out))
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    out += b"%010d 00000 n \n" % o
out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
write("many-pages-plain.pdf", bytes(out))
