#!/bin/sh
# Rebuilds tests/data/ocrmypdf-000-p8-9.pdf and ocrmypdf-000-p8-9-sideways.pdf: pages 8–9 of corpus/scanned/000-scan.pdf (their JPEGs as
# they are) given an English-model OCR layer by OCRmyPDF itself, the tool the issue names, instead
# of Tesseract's own PDF renderer that made the corpus scans. OCRmyPDF sets each line in a size of
# its own and draws the layer in a form XObject. The sideways file is the same two page images
# turned a quarter (jpegtran, lossless) as a scanner fed them, put right by `ocrmypdf
# --rotate-pages` (which sets /Rotate and draws the layer turned). Made with OCRmyPDF 17.13.0 (PyPI, in a virtual
# environment: `python3 -m venv V && V/bin/pip install ocrmypdf`; its img2pdf too), Tesseract 5 and
# poppler-utils' pdfimages. ocrmypdf-003-p8-11.pdf is pages 8 and 11 of 003-scan made the same way
# (page 11's repeated header is read garbled). The fixtures are committed; CI does not run this.
set -e
cd "$(dirname "$0")"
V=${OCRMYPDF_VENV:?set OCRMYPDF_VENV to a virtual environment with ocrmypdf installed}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pdfimages -j -f 8 -l 9 ../../corpus/scanned/000-scan.pdf "$T/p"
"$V/bin/img2pdf" --imgsize 200dpi "$T/p-000.jpg" "$T/p-001.jpg" -o "$T/img.pdf"
PATH="$V/bin:$PATH" "$V/bin/ocrmypdf" -q -l eng --output-type pdf --optimize 0 "$T/img.pdf" ocrmypdf-000-p8-9.pdf
for i in 000 001; do jpegtran -rotate 90 -copy none -outfile "$T/side-$i.jpg" "$T/p-$i.jpg"; done
"$V/bin/img2pdf" --imgsize 200dpi "$T/side-000.jpg" "$T/side-001.jpg" -o "$T/side.pdf"
PATH="$V/bin:$PATH" "$V/bin/ocrmypdf" -q -l eng --rotate-pages --rotate-pages-threshold 2 --output-type pdf --optimize 0 "$T/side.pdf" ocrmypdf-000-p8-9-sideways.pdf
pdfimages -j -f 8 -l 8 ../../corpus/scanned/003-scan.pdf "$T/a"
pdfimages -j -f 11 -l 11 ../../corpus/scanned/003-scan.pdf "$T/b"
"$V/bin/img2pdf" --imgsize 200dpi "$T/a-000.jpg" "$T/b-000.jpg" -o "$T/img003.pdf"
PATH="$V/bin:$PATH" "$V/bin/ocrmypdf" -q -l eng --output-type pdf --optimize 0 "$T/img003.pdf" ocrmypdf-003-p8-11.pdf
# ocrmypdf-000-p8-upside-down.pdf: page 8 of 000-scan turned upside down (Pillow, re-encoded at
# quality 60), given its English-model layer by OCRmyPDF without --rotate-pages: the layer is the
# turned text read as noise, and only `extract --ocr` can read the page (turned upright first).
"$V/bin/python" -c "
from PIL import Image
Image.open('$T/p-000.jpg').rotate(180).save('$T/ud.jpg', quality=60, dpi=(200, 200))
"
"$V/bin/img2pdf" --imgsize 200dpi "$T/ud.jpg" -o "$T/ud.pdf"
PATH="$V/bin:$PATH" "$V/bin/ocrmypdf" -q -l eng --output-type pdf --optimize 0 "$T/ud.pdf" ocrmypdf-000-p8-upside-down.pdf
