#!/usr/bin/env bash
# Scans with the OCR layer a Vietnamese model writes (what most scanners' OCR and `ocrmypdf -l vie`
# give), beside the English-model ones of corpus/scanned/: each page image of
# corpus/scanned/NNN-scan.pdf (`pdfimages -j`, the JPEG as is) read by `tesseract PAGE.jpg OUT -l vie
# pdf`, the pages joined by `pdfunite`. Written to target/scanned-vie/NNN-scan.pdf (not committed:
# rebuilt in about a minute per plan), measured with
#   cargo run --release -- check --scanned target/scanned-vie
# With DPI=N (e.g. DPI=300), the page images are instead the born-digital corpus/NNN-lo.pdf rendered
# at N dpi in grey (`pdftoppm -gray -jpeg`, quality 40: a clean scan at another resolution), written
# to target/scanned-vie-N/ (session 18: what the 200 dpi scans did not show). With OCR_LANG=eng the
# same pages are read by the English model instead (target/scanned-eng-N/ with DPI, else
# target/scanned-eng/): an English-model layer at another resolution than corpus/scanned's. With
# DPI and MONO=1 the pages are rendered in black and white (`pdftoppm -mono`), which Tesseract's
# renderer stores CCITT G4-coded, as a black-and-white office scanner does (target/…-N-mono/).
# Needs: tesseract-ocr tesseract-ocr-vie poppler-utils.
# Usage: [DPI=N [MONO=1]] [OCR_LANG=vie|eng] corpus/scan/vie_layer.sh [NNN...]
set -euo pipefail
cd "$(dirname "$0")/../.."
LANG_OCR=${OCR_LANG:-vie}
OUT=target/scanned-$LANG_OCR${DPI:+-$DPI}${MONO:+-mono}
mkdir -p "$OUT"
ids=("$@"); [ ${#ids[@]} -eq 0 ] && ids=($(ls corpus/scanned/*-scan.pdf | sed 's|.*/\([0-9]*\)-scan.pdf|\1|'))
for id in "${ids[@]}"; do
  work=$(mktemp -d)
  if [ -n "${DPI:-}" ]; then
    if [ -n "${MONO:-}" ]; then
      pdftoppm -r "$DPI" -mono "corpus/$id-lo.pdf" "$work/p"
      for pbm in "$work"/p-*.pbm; do mv "$pbm" "${pbm%.pbm}.img"; done
    else
      pdftoppm -r "$DPI" -gray -jpeg -jpegopt quality=40 "corpus/$id-lo.pdf" "$work/p"
      for jpg in "$work"/p-*.jpg; do mv "$jpg" "${jpg%.jpg}.img"; done
    fi
  else
    pdfimages -j "corpus/scanned/$id-scan.pdf" "$work/p"
    for jpg in "$work"/p-*.jpg; do mv "$jpg" "${jpg%.jpg}.img"; done
  fi
  for img in "$work"/p-*.img; do
    # (a PBM carries no resolution: Tesseract is told it, or it sets the page in pixels as points)
    OMP_THREAD_LIMIT=1 tesseract "$img" "${img%.img}" ${MONO:+--dpi "$DPI"} -l "$LANG_OCR" pdf 2>/dev/null
  done
  pdfunite "$work"/p-*.pdf "$OUT/$id-scan.pdf"
  rm -rf "$work"
  echo "$OUT/$id-scan.pdf"
done
