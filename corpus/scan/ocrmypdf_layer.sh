#!/usr/bin/env bash
# Scans whose English-model OCR layer OCRmyPDF itself wrote (issue 8 names it: "OCRmyPDF with the
# wrong language"), beside corpus/scanned/, whose layers Tesseract's own PDF renderer wrote: the
# same page images (`pdfimages -j` of corpus/scanned/NNN-scan.pdf, the JPEGs as they are) put into
# a PDF by img2pdf at 200 dpi and given a layer by `ocrmypdf -l eng --output-type pdf --optimize 0`.
# OCRmyPDF draws its layer in a form XObject and sets each line in a size from its box. Written to
# target/scanned-ocrmypdf/NNN-scan.pdf (not committed: rebuilt in about 20 s per plan), measured with
#   cargo run --release -- check --scanned target/scanned-ocrmypdf
# Needs: tesseract-ocr poppler-utils, and OCRmyPDF from PyPI in a virtual environment (made here in
# target/ocrmypdf-venv when missing: `python3 -m venv` and `pip install ocrmypdf==17.13.0`, which
# brings img2pdf; session 20 measured with 17.13.0).
# With OCR_LANG=vie the layer is Tesseract's Vietnamese model's (`ocrmypdf -l vie`, what the issue's
# careful user runs), written to target/scanned-ocrmypdf-vie/.
# OCRMYPDF_ARGS adds options (e.g. "--deskew", session 21: README "OCR layers made by OCRmyPDF")
# and OUT names the folder written (default target/scanned-ocrmypdf[-LANG]).
# Usage: [OCR_LANG=eng|vie] [OCRMYPDF_ARGS=...] [OUT=DIR] corpus/scan/ocrmypdf_layer.sh [NNN...]
set -euo pipefail
cd "$(dirname "$0")/../.."
V=${OCRMYPDF_VENV:-target/ocrmypdf-venv}
if [ ! -x "$V/bin/ocrmypdf" ]; then
  python3 -m venv "$V"
  "$V/bin/pip" install -q ocrmypdf==17.13.0
fi
LANG_OCR=${OCR_LANG:-eng}
OUT=${OUT:-target/scanned-ocrmypdf$([ "$LANG_OCR" = eng ] || echo "-$LANG_OCR")}
mkdir -p "$OUT"
ids=("$@"); [ ${#ids[@]} -eq 0 ] && ids=($(ls corpus/scanned/*-scan.pdf | sed 's|.*/\([0-9]*\)-scan.pdf|\1|'))
for id in "${ids[@]}"; do
  work=$(mktemp -d)
  pdfimages -j "corpus/scanned/$id-scan.pdf" "$work/p"
  "$V/bin/img2pdf" --imgsize 200dpi $(ls "$work"/p-*.jpg | sort) -o "$work/img.pdf"
  PATH="$V/bin:$PATH" "$V/bin/ocrmypdf" -q -l "$LANG_OCR" ${OCRMYPDF_ARGS:-} --output-type pdf --optimize 0 "$work/img.pdf" "$OUT/$id-scan.pdf"
  rm -rf "$work"
  echo "$OUT/$id-scan.pdf"
done
