#!/bin/sh
# Rebuilds the fixtures of page images coded otherwise than as a JPEG: page 5 of corpus/001-lo.pdf
# (its "≥ 20", "≥ 01", "≥ 80" targets beside row numbers) rendered by pdftoppm and given an
# English-model OCR layer:
# - mono-001-p5.pdf: at 300 dpi in one bit per pixel, through Tesseract's own PDF renderer, which
#   stores a one-bit page CCITT G4-coded (/CCITTFaxDecode, /K -1), as a black-and-white office
#   scanner does (a PBM carries no resolution, so Tesseract is told it);
# - ocrmypdf-g4-001-p5.pdf: the same page as a G4 TIFF put into a PDF by img2pdf and through
#   OCRmyPDF (/BlackIs1 true: the coding's black runs are the paper);
# - ocrmypdf-png1-001-p5.pdf: as a one-bit PNG (/FlateDecode, the PNG predictors, 1 bit);
# - ocrmypdf-grey-001-p5.pdf: at 150 dpi as an eight-bit grey PNG (/FlateDecode, 8 bits);
# - ocrmypdf-rgb-001-p5.pdf: at 150 dpi as an RGB PNG (/FlateDecode, /DeviceRGB).
# Needs poppler-utils, tesseract-ocr (Tesseract 5) and, for the OCRmyPDF files, a virtual environment
# with ocrmypdf 17.13.0 (its Pillow and img2pdf too): OCRMYPDF_VENV=V. The fixtures are committed;
# CI does not run this.
set -e
cd "$(dirname "$0")"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pdftoppm -r 300 -mono -f 5 -l 5 ../../corpus/001-lo.pdf "$T/p"
OMP_THREAD_LIMIT=1 tesseract "$T"/p-*.pbm "$T/out" --dpi 300 -l eng pdf 2>/dev/null
cp "$T/out.pdf" mono-001-p5.pdf
V=${OCRMYPDF_VENV:-}
[ -n "$V" ] || { echo "OCRMYPDF_VENV not set: the OCRmyPDF fixtures are left as they are"; exit 0; }
pdftoppm -r 150 -gray -png -f 5 -l 5 ../../corpus/001-lo.pdf "$T/g"
pdftoppm -r 150 -png -f 5 -l 5 ../../corpus/001-lo.pdf "$T/c"
"$V/bin/python" - "$T" <<'PY'
import sys, glob
from PIL import Image
t = sys.argv[1]
im = Image.open(glob.glob(t + "/p-*.pbm")[0])
im.save(t + "/g4.tif", dpi=(300, 300), compression="group4")
im.save(t + "/png1.png", dpi=(300, 300))
g = Image.open(glob.glob(t + "/g-*.png")[0]).convert("L")
g.save(t + "/grey.png", dpi=(150, 150))
Image.open(glob.glob(t + "/c-*.png")[0]).convert("RGB").save(t + "/rgb.png", dpi=(150, 150))
PY
for k in g4.tif png1.png grey.png rgb.png; do
  "$V/bin/img2pdf" "$T/$k" -o "$T/$k.pdf"
  PATH="$V/bin:$PATH" "$V/bin/ocrmypdf" -q -l eng --output-type pdf --optimize 0 "$T/$k.pdf" "ocrmypdf-${k%.*}-001-p5.pdf"
done
