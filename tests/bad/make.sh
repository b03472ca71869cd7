#!/bin/sh
# Rebuilds the bad-input fixtures from the corpus. Needs qpdf and python3 (with Pillow).
# The fixtures are committed; CI does not run this.
set -e
cd "$(dirname "$0")"
SRC=../../corpus/000-lo.pdf
: > empty.pdf
printf '<!DOCTYPE html>\n<html><body>Kế hoạch</body></html>\n' > html.pdf
printf 'PK\003\004\024\000\000\000word/document.xml' > docx.pdf
# Truncated at 40% of the file (no xref, no trailer).
python3 -c "import sys; b=open('$SRC','rb').read(); open('truncated.pdf','wb').write(b[:len(b)*2//5])"
# Encrypted with a real user password.
qpdf --encrypt secret owner 256 -- "$SRC" encrypted-password.pdf
# Encrypted with an empty user password and restricted permissions: must open normally.
qpdf --encrypt "" owner 256 --print=none --modify=none --extract=n -- "$SRC" encrypted-empty.pdf
# An image-only scan: one page, one image, no text.
python3 - <<'PY'
from PIL import Image
im = Image.new('L', (200, 280), 255)
for x in range(20, 180):
    im.putpixel((x, 40), 0)
im.save('image-only.pdf', 'PDF', resolution=30)
PY
# A text PDF without any appendix table (hand-written, Helvetica, ASCII text).
python3 - <<'PY'
objs = []
content = b"BT /F1 14 Tf 72 760 Td (KE HOACH) Tj 0 -20 Td (Trien khai Nghi quyet so 57-NQ/TW) Tj ET"
objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
objs.append(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
out = b"%PDF-1.4\n"
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(out))
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open('no-table.pdf', 'wb').write(out)
PY
# Hostile and broken PDFs (issue 7): truncations, broken xref, cycles, deep nesting, bad fonts, a
# decompression bomb, 5 000 pages.
python3 make_hostile.py
qpdf --static-id --object-streams=generate many-pages-plain.pdf many-pages.pdf
rm many-pages-plain.pdf
# Issue 8. A real scanned page (page 7 of corpus/scanned/000-scan.pdf, its JPEG as is) without any
# text layer: the user must run OCR first. And a PDF of one blank page (no text, no image).
python3 - <<'PY'
import re, subprocess, tempfile, os
d = tempfile.mkdtemp()
subprocess.run(['pdfimages', '-j', '-f', '7', '-l', '7', '../../corpus/scanned/000-scan.pdf', os.path.join(d, 'p')], check=True)
jpg = open(os.path.join(d, 'p-000.jpg'), 'rb').read()
def pdf(page_extra, objs_extra, content):
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.44 842.04] " + page_extra + b" /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"] + objs_extra
    out = b"%PDF-1.4\n"
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return out
w, h = 1654, 2339  # the JPEG's size (pdfimages -list)
img = b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, len(jpg)) + jpg + b"\nendstream"
open('scan-no-ocr.pdf', 'wb').write(pdf(b"/Resources << /XObject << /Im1 5 0 R >> >>", [img], b"q 595.44 0 0 842.04 0 0 cm /Im1 Do Q"))
open('blank.pdf', 'wb').write(pdf(b"/Resources << >>", [], b""))
PY
# Fonts that do not say which characters they draw: page 1 of corpus/000-wp.pdf (WeasyPrint's CID
# fonts, Identity-H) with every /ToUnicode map removed. The text is drawn but cannot be read.
T=$(mktemp -d)
qpdf --empty --pages ../../corpus/000-wp.pdf 1 -- "$T/p1.pdf"
qpdf --qdf --object-streams=disable "$T/p1.pdf" "$T/p1.qdf"
python3 -c "import re,sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(re.sub(rb'/ToUnicode \d+ 0 R', b'', d))" "$T/p1.qdf" "$T/nomap.qdf"
fix-qdf "$T/nomap.qdf" > "$T/nomap.pdf"
qpdf --object-streams=generate --compress-streams=y "$T/nomap.pdf" no-tounicode.pdf
# The same with LibreOffice's fonts (corpus/000-lo.pdf page 1): symbolic TrueType subsets without
# /Encoding, whose codes number their glyphs (1, 2, 3 …): read as any encoding they are garbage.
qpdf --empty --pages ../../corpus/000-lo.pdf 1 -- "$T/lo1.pdf"
qpdf --qdf --object-streams=disable "$T/lo1.pdf" "$T/lo1.qdf"
python3 -c "import re,sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(re.sub(rb'/ToUnicode \d+ 0 R', b'', d))" "$T/lo1.qdf" "$T/lonomap.qdf"
fix-qdf "$T/lonomap.qdf" > "$T/lonomap.pdf"
qpdf --object-streams=generate --compress-streams=y "$T/lonomap.pdf" no-tounicode-lo.pdf
rm -rf "$T"
