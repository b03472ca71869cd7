#!/usr/bin/env bash
# Rebuilds the OCR repair model in rules/lm/ from the clean corpus text, Vietnamese prose from Debian
# packages, and the aligned OCR pairs in corpus/ocr/. One command; see README "OCR repair model".
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ls /usr/share/libreoffice/help/vi >/dev/null 2>&1; then
  apt-get install -y -q libreoffice-help-vi manpages-vi maint-guide-vi >/dev/null
fi
python3 scripts/lm_text.py
cargo run --release -q --example train_model
