#!/usr/bin/env bash
# The kinds of scan a secretariat receives, each made from the four corpus plans and measured by
# `kehoach check --scanned` (held-out models as everywhere): one summary line per set and measure.
# A set is built when its folder is missing (FORCE=1: always), each in one to two minutes:
#   corpus/scanned         the corpus scans: 200 dpi grey JPEG, Tesseract's renderer, English model
#   eng-300, eng-150       the born-digital PDFs rendered at 300 / 150 dpi (grey JPEG, quality 40)
#   eng-300-mono           at 300 dpi in one bit per pixel (CCITT G4 page images)
#   ocrmypdf, sandwich     the corpus scans' JPEGs through OCRmyPDF (default renderer; sandwich)
#   deskew                 through OCRmyPDF --deskew
#   ocrmypdf-vie, vie      the careful user's: OCRmyPDF -l vie; Tesseract's renderer, -l vie
# Needs tesseract-ocr, tesseract-ocr-vie, poppler-utils; the OCRmyPDF sets a virtual environment,
# which corpus/scan/ocrmypdf_layer.sh makes. Usage: [FORCE=1] corpus/scan/variants.sh [SET...]
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -q
all=(corpus eng-300 eng-150 eng-300-mono ocrmypdf sandwich deskew ocrmypdf-vie vie)
sets=("$@"); [ ${#sets[@]} -eq 0 ] && sets=("${all[@]}")
dir_of() { if [ "$1" = corpus ]; then echo corpus/scanned; else echo "target/scanned-$1"; fi; }
build() {
  case "$1" in
    corpus) ;;
    eng-300) DPI=300 OCR_LANG=eng corpus/scan/vie_layer.sh ;;
    eng-150) DPI=150 OCR_LANG=eng corpus/scan/vie_layer.sh ;;
    eng-300-mono) DPI=300 MONO=1 OCR_LANG=eng corpus/scan/vie_layer.sh ;;
    ocrmypdf) corpus/scan/ocrmypdf_layer.sh ;;
    sandwich) OCRMYPDF_ARGS="--pdf-renderer sandwich" OUT=target/scanned-sandwich corpus/scan/ocrmypdf_layer.sh ;;
    deskew) OCRMYPDF_ARGS=--deskew OUT=target/scanned-deskew corpus/scan/ocrmypdf_layer.sh ;;
    ocrmypdf-vie) OCR_LANG=vie corpus/scan/ocrmypdf_layer.sh ;;
    vie) corpus/scan/vie_layer.sh ;;
    *) echo "unknown set $1" >&2; exit 2 ;;
  esac
}
printf '%-14s %-12s %s\n' set measure "000 / 001 / 002 / 003 (scans only)"
for s in "${sets[@]}"; do
  d=$(dir_of "$s")
  if [ -n "${FORCE:-}" ] || ! ls "$d"/*-scan.pdf >/dev/null 2>&1; then build "$s" >/dev/null; fi
  target/release/kehoach check --scanned "$d" 2>/dev/null | awk -v set="$s" '
    /^Scanned plans/ { on = 1; next }
    on && /^refs found/ { printf "%-14s %-12s %s / %s / %s / %s\n", set, "refs", $5, $7, $9, $11 }
    on && /^extra records/ { printf "%-14s %-12s %s / %s / %s / %s\n", set, "extra", $4, $6, $8, $10 }
    on && /^cell-text syllables/ { printf "%-14s %-12s %s / %s / %s / %s\n", set, "cells", $5, $9, $13, $17 }
    on && /^deadlines \(normalised\)/ { printf "%-14s %-12s %s / %s / %s / %s\n", set, "deadlines", $5, $9, $13, $17 }
    on && /^units \(lead\+support\)/ { printf "%-14s %-12s %s / %s / %s / %s\n", set, "units", $5, $9, $13, $17 }
    on && /^targets \(normalised\)/ { printf "%-14s %-12s %s / %s / %s / %s\n", set, "targets", $5, $9, $13, $17; on = 0 }'
done
