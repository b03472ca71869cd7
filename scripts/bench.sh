#!/usr/bin/env bash
# Speed of the whole pipeline against `pdftotext -layout` (poppler-utils) on the same PDFs, one core,
# median of N runs each, printed as a ratio (kehoach time / pdftotext time; ≤ 1.0 is the goal).
# Usage: scripts/bench.sh [RUNS] [PDF...]   (default: 7 runs over corpus/*.pdf)
# Needs: pdftotext (apt-get install poppler-utils), GNU time for peak memory (optional).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}; shift || true
FILES=("$@"); [ ${#FILES[@]} -eq 0 ] && FILES=(corpus/*.pdf)
command -v pdftotext >/dev/null || { echo "bench: pdftotext not found (apt-get install poppler-utils)" >&2; exit 2; }
cargo build --release -q
BIN=target/release/kehoach
OUT=$(mktemp -d); trap 'rm -rf "$OUT"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_of() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
kh=(); pt=()
for i in $(seq "$RUNS"); do
  kh+=("$(time_of taskset -c 0 "$BIN" extract "${FILES[@]}" -o "$OUT")")
  pt+=("$(time_of taskset -c 0 sh -c 'for f in "$@"; do pdftotext -layout "$f" /dev/null; done' sh "${FILES[@]}")")
done
KH=$(printf '%s\n' "${kh[@]}" | median); PT=$(printf '%s\n' "${pt[@]}" | median)
echo "files: ${#FILES[@]}  runs: $RUNS  (one core: taskset -c 0)"
echo "kehoach extract : $((KH / 1000)) ms (median)"
echo "pdftotext -layout: $((PT / 1000)) ms (median)"
awk -v a="$KH" -v b="$PT" 'BEGIN { printf "ratio kehoach/pdftotext: %.2f\n", a / b }'
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "peak memory kehoach: %M KiB" "$BIN" extract "${FILES[@]}" -o "$OUT" 2>&1 >/dev/null | tail -1
  /usr/bin/time -f "peak memory pdftotext: %M KiB" pdftotext -layout "${FILES[0]}" /dev/null 2>&1 | tail -1
fi
