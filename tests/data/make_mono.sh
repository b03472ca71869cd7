#!/bin/sh
# Rebuilds tests/data/mono-001-p5.pdf: page 5 of corpus/001-lo.pdf as a black-and-white office
# scanner gives it, rendered at 300 dpi in one bit per pixel (`pdftoppm -mono`) and given an
# English-model OCR layer by Tesseract's own PDF renderer, which stores a one-bit page image
# CCITT G4-coded (/CCITTFaxDecode, /K -1). The page holds "≥ 20", "≥ 01", "≥ 80" targets beside
# row numbers (a PBM carries no resolution, so Tesseract is told it). Needs poppler-utils and tesseract-ocr (Tesseract 5). The fixture is committed; CI
# does not run this.
set -e
cd "$(dirname "$0")"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pdftoppm -r 300 -mono -f 5 -l 5 ../../corpus/001-lo.pdf "$T/p"
OMP_THREAD_LIMIT=1 tesseract "$T"/p-*.pbm "$T/out" --dpi 300 -l eng pdf 2>/dev/null
cp "$T/out.pdf" mono-001-p5.pdf
