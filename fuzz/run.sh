#!/usr/bin/env bash
# A bounded fuzz run of both targets, SECS seconds each (default 60): `bash fuzz/run.sh [SECS]`.
# Installs what it needs (cargo-fuzz; a C++ compiler for libFuzzer). Only the stable toolchain is
# assumed: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its -Z flags; no sanitizer (safe Rust; the targets
# look for panics, hangs, stack overflows and memory blow-ups, which libFuzzer sees without one).
# A crash leaves its input in fuzz/artifacts/TARGET/ and fails the run.
set -euo pipefail
cd "$(dirname "$0")"
SECS=${1:-60}
if ! command -v c++ >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq g++ >/dev/null
  fi
fi
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
# Seeds: every bundled PDF and bad input (not many-pages.pdf: 3 s a run), the scans of one page
# whose page image is coded otherwise than as a JPEG (CCITT, Flate, JBIG2, JPEG 2000: the "≥"
# look's decoders), and text from the golden files plus a damaged sample for the repair stage.
rm -rf target/seeds && mkdir -p target/seeds/pdf_read target/seeds/repair corpus/pdf_read corpus/repair
cp ../corpus/*.pdf ../tests/bad/*.pdf ../tests/data/*-001-p5.pdf target/seeds/pdf_read/
rm -f target/seeds/pdf_read/many-pages.pdf
cp seeds/repair/* target/seeds/repair/
sed -n 's/^ *"\(title\|raw\|name\|output\|kpi\)": "\(.*\)",\{0,1\}$/\2/p' ../golden/*.json | sort -u > target/seeds/repair/golden.txt
cargo fuzz build -s none -O pdf_read
cargo fuzz build -s none -O repair
start=$(date +%s)
cargo fuzz run -s none -O pdf_read corpus/pdf_read target/seeds/pdf_read -- \
  -max_total_time="$SECS" -timeout=30 -rss_limit_mb=2048 -max_len=400000 -print_final_stats=1
# The repair target runs every mode on every line of its input, OCR included (the first input also
# loads the OCR model): a 45 KB seed takes seconds, hence the longer per-input timeout.
cargo fuzz run -s none -O repair corpus/repair target/seeds/repair -- \
  -max_total_time="$SECS" -timeout=60 -rss_limit_mb=1024 -max_len=4096 -print_final_stats=1
echo "fuzz: both targets ran clean for ${SECS} s each ($(( $(date +%s) - start )) s in all)"
