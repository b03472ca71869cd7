"""Rebuilds the JBIG2 fixtures from tests/data/mono-001-p5.pdf (001's page 5 at 300 dpi, one bit
per pixel, CCITT G4, with Tesseract's English-model text layer; make_mono.sh): the same page image
coded as JBIG2 (/JBIG2Decode, the embedded organisation PDF uses), the text layer untouched.

- jbig2-mmr-001-p5.pdf: one immediate lossless generic region, MMR-coded: the G4 coding itself,
  which JBIG2 takes as it is (T.88 6.2.6);
- jbig2-arith-001-p5.pdf: one immediate generic region, arithmetic-coded with template 0, its
  nominal adaptive pixels and typical prediction (TPGDON), as jbig2enc codes a page in its generic
  mode; its page information and region in segments of their own, a /JBIG2Globals stream beside
  them holding no dictionary.

No JBIG2 encoder is packaged for Debian (jbig2enc is not), so the arithmetic coder (the MQ coder of
T.88 Annex E.2) and the context of template 0 (6.2.5.3, Figure 3) are written here. jbig2dec decodes
the fixtures independently: the script checks that it gives the same pixels from each as poppler's
`pdfimages` from the G4 original. (Poppler 22.12's own JBIG2 decoder reads the MMR fixture
differently from row 2342 on, where jbig2dec, hayro-jbig2 and both CCITT decoders agree; it reads
the arithmetic one right.) Needs pikepdf (OCRmyPDF's virtual environment has it), poppler-utils and
jbig2dec (apt-get install jbig2dec):

    target/ocrmypdf-venv/bin/python tests/data/make_jbig2.py

The fixtures are committed; CI does not run this.
"""
import os
import struct
import subprocess
import sys
import tempfile

import pikepdf

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "mono-001-p5.pdf")

# T.88 Table E.1: Qe, NMPS, NLPS, SWITCH per state.
QE = [
    (0x5601, 1, 1, 1), (0x3401, 2, 6, 0), (0x1801, 3, 9, 0), (0x0AC1, 4, 12, 0), (0x0521, 5, 29, 0),
    (0x0221, 38, 33, 0), (0x5601, 7, 6, 1), (0x5401, 8, 14, 0), (0x4801, 9, 14, 0), (0x3801, 10, 14, 0),
    (0x3001, 11, 17, 0), (0x2401, 12, 18, 0), (0x1C01, 13, 20, 0), (0x1601, 29, 21, 0), (0x5601, 15, 14, 1),
    (0x5401, 16, 14, 0), (0x5101, 17, 15, 0), (0x4801, 18, 16, 0), (0x3801, 19, 17, 0), (0x3401, 20, 18, 0),
    (0x3001, 21, 19, 0), (0x2801, 22, 19, 0), (0x2401, 23, 20, 0), (0x2201, 24, 21, 0), (0x1C01, 25, 22, 0),
    (0x1801, 26, 23, 0), (0x1601, 27, 24, 0), (0x1401, 28, 25, 0), (0x1201, 29, 26, 0), (0x1101, 30, 27, 0),
    (0x0AC1, 31, 28, 0), (0x09C1, 32, 29, 0), (0x08A1, 33, 30, 0), (0x0521, 34, 31, 0), (0x0441, 35, 32, 0),
    (0x02A1, 36, 33, 0), (0x0221, 37, 34, 0), (0x0141, 38, 35, 0), (0x0111, 39, 36, 0), (0x0085, 40, 37, 0),
    (0x0049, 41, 38, 0), (0x0025, 42, 39, 0), (0x0015, 43, 40, 0), (0x0009, 44, 41, 0), (0x0005, 45, 42, 0),
    (0x0001, 45, 43, 0), (0x5601, 46, 46, 0),
]


class MQEncoder:
    """The arithmetic encoder of T.88 Annex E.2 (INITENC, ENCODE, CODEMPS, CODELPS, RENORME,
    BYTEOUT, FLUSH), contexts as (state index, MPS) pairs."""

    def __init__(self, contexts):
        self.a, self.c, self.ct = 0x8000, 0, 12
        # out[-1] is B, the byte at BP; out[0] the byte before the start (never written).
        self.out = [0]
        self.index = [0] * contexts
        self.mps = [0] * contexts

    def encode(self, cx, d):
        i = self.index[cx]
        qe, nmps, nlps, switch = QE[i]
        self.a -= qe
        if d == self.mps[cx]:
            if self.a & 0x8000:
                self.c += qe
                return
            if self.a < qe:
                self.a = qe
            else:
                self.c += qe
            self.index[cx] = nmps
        else:
            if self.a < qe:
                self.c += qe
            else:
                self.a = qe
            if switch:
                self.mps[cx] = 1 - self.mps[cx]
            self.index[cx] = nlps
        while True:
            self.a = (self.a << 1) & 0xFFFF
            self.c = (self.c << 1) & 0xFFFFFFFF
            self.ct -= 1
            if self.ct == 0:
                self.byteout()
            if self.a & 0x8000:
                break

    def byteout(self):
        if self.out[-1] == 0xFF:
            self.out.append(self.c >> 20)
            self.c &= 0xFFFFF
            self.ct = 7
            return
        if self.c >= 0x8000000:
            self.out[-1] += 1
            if self.out[-1] == 0xFF:
                self.c &= 0x7FFFFFF
                self.out.append(self.c >> 20)
                self.c &= 0xFFFFF
                self.ct = 7
                return
        # (after a carry C still holds it above bit 26; B is a byte)
        self.out.append((self.c >> 19) & 0xFF)
        self.c &= 0x7FFFF
        self.ct = 8

    def flush(self):
        temp = self.c + self.a
        self.c |= 0xFFFF
        if self.c >= temp:
            self.c -= 0x8000
        self.c = (self.c << self.ct) & 0xFFFFFFFF
        self.byteout()
        self.c = (self.c << self.ct) & 0xFFFFFFFF
        self.byteout()
        if self.out[-1] != 0xFF:
            self.out.append(0xFF)
        self.out.append(0xAC)
        return bytes(self.out[1:])


def generic_template0(rows, width):
    """Rows of 0/1 pixels (1 black) coded with template 0, nominal AT pixels A1 (3, -1), A2 (-3, -1),
    A3 (2, -2), A4 (-2, -2), and TPGDON (a row equal to the one above is one bit)."""
    enc = MQEncoder(1 << 16)
    pad = [0] * (width + 8)
    # (each row padded with four 0s before and after, so that windows need no bounds checks)
    above2, above1 = pad, pad
    ltp = 0
    previous = [0] * width
    for row in rows:
        typical = 1 if row == previous else 0
        enc.encode(0x9B25, typical ^ ltp)
        ltp = typical
        cur = [0] * 4 + row + [0] * 4
        if not typical:
            # W2: row y-2 at x-2..x+2, W1: row y-1 at x-3..x+3, W0: row y at x-4..x-1 (the newest
            # pixel the lowest bit); the context is W0 | W1 << 4 | W2 << 11 (Figure 3).
            w2 = (above2[2] << 4) | (above2[3] << 3) | (above2[4] << 2) | (above2[5] << 1) | above2[6]
            w1 = 0
            for k in range(1, 8):
                w1 = (w1 << 1) | above1[k]
            w0 = 0
            for x in range(width):
                enc.encode(w0 | (w1 << 4) | (w2 << 11), row[x])
                w0 = ((w0 << 1) & 0xF) | row[x]
                w1 = ((w1 << 1) & 0x7F) | above1[x + 8]
                w2 = ((w2 << 1) & 0x1F) | above2[x + 7]
        above2, above1 = above1, cur
        previous = row
    return enc.flush()


def segment(number, kind, data, page=1):
    """A segment in the embedded organisation: header (7.2) then data; no referred-to segments."""
    return struct.pack(">IBBBI", number, kind, 0, page, len(data)) + data


def page_information(width, height, dpi):
    # width, height, resolutions (pixels per metre), flags (default pixel 0, OR), no striping
    ppm = round(dpi / 0.0254)
    return struct.pack(">IIIIBH", width, height, ppm, ppm, 0, 0)


def region_info(width, height):
    return struct.pack(">IIIIB", width, height, 0, 0, 0)


def image_of(pdf):
    page = pdf.pages[0]
    (name, image), = [(k, v) for k, v in page.Resources.XObject.items() if v.Subtype == "/Image"]
    return image


def bits_of(path, width, height):
    """The page image's pixels as rows of 0/1 (1 black), by poppler from the G4 original."""
    with tempfile.TemporaryDirectory() as t:
        subprocess.run(["pdfimages", path, os.path.join(t, "i")], check=True)
        (pbm,) = [f for f in os.listdir(t) if f.endswith(".pbm")]
        data = open(os.path.join(t, pbm), "rb").read()
    return pbm_rows(data, width, height)


def write(out, stream, globals_data=None):
    pdf = pikepdf.open(SOURCE)
    image = image_of(pdf)
    parms = None
    if globals_data is not None:
        parms = pikepdf.Dictionary(JBIG2Globals=pdf.make_stream(globals_data))
    image.write(stream, filter=pikepdf.Name.JBIG2Decode, decode_parms=parms)
    pdf.save(os.path.join(HERE, out), deterministic_id=True)


def pbm_rows(data, width, height):
    """A P4 PBM's pixels as rows of 0/1 (1 black), a row's padding bits left out."""
    fields = data.split(maxsplit=3)
    assert fields[0] == b"P4" and int(fields[1]) == width and int(fields[2]) == height, fields[:3]
    raw, stride = fields[3], (width + 7) // 8
    return [[(raw[y * stride + (x >> 3)] >> (7 - (x & 7))) & 1 for x in range(width)] for y in range(height)]


def jbig2dec_rows(path, width, height):
    """The fixture's page image as jbig2dec (Artifex's decoder, not the one tested) decodes its
    embedded stream, with its globals when it has them."""
    pdf = pikepdf.open(path)
    image = image_of(pdf)
    with tempfile.TemporaryDirectory() as t:
        files = []
        parms = image.get("/DecodeParms")
        if parms is not None and "/JBIG2Globals" in parms:
            files.append(os.path.join(t, "globals"))
            open(files[-1], "wb").write(parms.JBIG2Globals.read_bytes())
        files.append(os.path.join(t, "page"))
        open(files[-1], "wb").write(image.read_raw_bytes())
        subprocess.run(["jbig2dec", "-q", "-e", "-t", "pbm", "-o", os.path.join(t, "out.pbm")] + files, check=True)
        return pbm_rows(open(os.path.join(t, "out.pbm"), "rb").read(), width, height)


def main():
    pdf = pikepdf.open(SOURCE)
    image = image_of(pdf)
    width, height = int(image.Width), int(image.Height)
    assert image.Filter == "/CCITTFaxDecode" and int(image.DecodeParms.K) == -1
    assert not bool(image.DecodeParms.get("/BlackIs1", False))
    g4 = image.read_raw_bytes()
    info = segment(0, 48, page_information(width, height, 300))
    # type 39: immediate lossless generic region; flags: MMR
    mmr = info + segment(1, 39, region_info(width, height) + bytes([0x01]) + g4)
    write("jbig2-mmr-001-p5.pdf", mmr)
    rows = bits_of(SOURCE, width, height)
    coded = generic_template0(rows, width)
    # type 38: immediate generic region; flags: template 0, TPGDON; A1..A4
    at = struct.pack(">8b", 3, -1, -3, -1, 2, -2, -2, -2)
    arith = info + segment(1, 38, region_info(width, height) + bytes([0x08]) + at + coded)
    write("jbig2-arith-001-p5.pdf", arith, globals_data=b"")
    for f in ("jbig2-mmr-001-p5.pdf", "jbig2-arith-001-p5.pdf"):
        path = os.path.join(HERE, f)
        if jbig2dec_rows(path, width, height) != rows:
            sys.exit(f"{f}: jbig2dec does not decode the original's pixels")
        print(f, os.path.getsize(path), "bytes: jbig2dec decodes the original's pixels")


if __name__ == "__main__":
    main()
