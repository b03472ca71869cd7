#!/bin/sh
# Rebuilds tests/data/scan-001-p5-sideways.pdf: page 5 of corpus/scanned/001-scan.pdf as OCRmyPDF
# `--rotate-pages` delivers a landscape page scanned sideways. The page image is stored turned a
# quarter turn (jpegtran, lossless: the JPEG's blocks are moved, not re-coded), drawn upright on a
# portrait page; the OCR text layer is drawn turned with it (text running bottom to top); `/Rotate
# 90` shows the page upright. Needs qpdf, fix-qdf (qpdf) and jpegtran (libjpeg-turbo-progs).
# The fixture is committed; CI does not run this.
set -e
cd "$(dirname "$0")"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
qpdf --empty --pages ../../corpus/scanned/001-scan.pdf 5 -- "$T/p5.pdf"
qpdf --qdf --object-streams=disable "$T/p5.pdf" "$T/p5.qdf"
python3 - "$T" <<'PY'
import re, subprocess, sys
t = sys.argv[1]
d = open(f"{t}/p5.qdf", "rb").read()
# The one image: its JPEG turned 270° clockwise (= 90° counter-clockwise), width and height swapped.
i = d.index(b"/Subtype /Image")
head = d.rindex(b" 0 obj\n<<", 0, i)
start = d.index(b"stream\n", i) + len(b"stream\n")
end = d.index(b"\nendstream", start)
open(f"{t}/in.jpg", "wb").write(d[start:end])
subprocess.run(["jpegtran", "-rotate", "270", "-copy", "none", "-outfile", f"{t}/out.jpg", f"{t}/in.jpg"], check=True)
jpg = open(f"{t}/out.jpg", "rb").read()
dict_part = d[head:start]
w = int(re.search(rb"/Width (\d+)", dict_part).group(1)); h = int(re.search(rb"/Height (\d+)", dict_part).group(1))
new_dict = re.sub(rb"/Height \d+", b"/Height %d" % w, re.sub(rb"/Width \d+", b"/Width %d" % h, dict_part))
d = d[:head] + new_dict + jpg + d[end:]
# The page: portrait media box, /Rotate 90.
mb = re.search(rb"/MediaBox \[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", d)
W, H = float(mb.group(1)), float(mb.group(2))
assert W > H, "page 5 is landscape"
d = d.replace(mb.group(0), b"/MediaBox [ 0 0 %g %g ] /Rotate 90" % (H, W), 1)
# The content: the image drawn upright on the portrait page, everything else turned 90° counter-
# clockwise (x, y) -> (H - y, x).
cs = re.search(rb"%% Contents for page 1\n.*?stream\n(.*?)\nendstream", d, re.S)
body = cs.group(1)
img = re.search(rb"q [\d.]+ 0 0 [\d.]+ 0 0 cm /(\w+) Do Q", body)
assert img, "the image is drawn first, on its own"
rest = body[:img.start()] + body[img.end():]
new = b"q %g 0 0 %g 0 0 cm /%s Do Q\nq 0 1 -1 0 %g 0 cm\n%s\nQ" % (H, W, img.group(1), H, rest)
d = d[:cs.start(1)] + new + d[cs.end(1):]
open(f"{t}/out.qdf", "wb").write(d)
PY
fix-qdf "$T/out.qdf" > "$T/out.pdf"
qpdf --object-streams=generate --compress-streams=y "$T/out.pdf" scan-001-p5-sideways.pdf
qpdf --check scan-001-p5-sideways.pdf > /dev/null
echo "wrote tests/data/scan-001-p5-sideways.pdf"
