#!/usr/bin/env bash
# The speed benchmark of issue 6, in one run (BENCHMARKS.md quotes its output):
#   1. the whole pipeline (`kehoach extract`) against `pdftotext -layout` (poppler-utils) on the same
#      PDFs, born-digital (corpus/*.pdf) and scanned (corpus/scanned/*.pdf) separately, on one core
#      (taskset -c 0): median of RUNS runs each, the two commands alternating so that load on a shared
#      machine falls on both alike; kehoach as one process for the set (a batch) and as one process per
#      file (as pdftotext runs); peak memory of each;
#   2. the repair stage's throughput in MB/s on one core (examples/bench_legacy.rs: clean, TCVN3, VNI,
#      VISCII text in each mode, and the corpus's English-model OCR text in OCR mode);
#   3. `ingest` of 1, 10, 100 and 1000 documents (copies of the corpus PDFs made distinct by a comment
#      after %%EOF, in a temporary folder) into a fresh store: wall time and peak memory on one core
#      (taskset -c 0, `--jobs 1`) and on all cores (one worker per core), and the speed-up.
# Usage: scripts/bench.sh [RUNS] [SECTION...]   RUNS defaults to 5; SECTION: extract repair ingest
#        (default all three). INGEST_SIZES="1 10 100" overrides the ingest sizes.
# Needs: pdftotext (apt-get install poppler-utils), GNU time (installed here when missing and root).
# Not a test: timings depend on the machine and its load; run it when the machine is quiet.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}; shift || true
SECTIONS=("$@"); [ ${#SECTIONS[@]} -eq 0 ] && SECTIONS=(extract repair ingest)
want() { local s; for s in "${SECTIONS[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }

if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q time >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q time >/dev/null; }; fi
  [ -x /usr/bin/time ] || { echo "bench: GNU time not found (apt-get install time)" >&2; exit 2; }
fi
command -v pdftotext >/dev/null || { echo "bench: pdftotext not found (apt-get install poppler-utils)" >&2; exit 2; }
cargo build --release -q
cargo build --release -q --example bench_legacy
BIN=$PWD/target/release/kehoach
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Wall time of a command in microseconds (its output discarded).
usec() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
# Peak resident memory of a command in KiB.
peak() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }
ms() { awk -v u="$1" 'BEGIN { printf "%.0f", u / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

pdftotext_all() { for f in "$@"; do pdftotext -layout "$f" /dev/null; done; }
kehoach_each() { for f in "$@"; do "$BIN" extract "$f" >/dev/null; done; }
export -f pdftotext_all kehoach_each; export BIN

if want extract; then
  echo
  echo "== 1. kehoach extract vs pdftotext -layout, one core, median of $RUNS runs"
  printf '%-13s %5s %12s %12s %12s %8s %8s %11s %11s\n' set files "kehoach(ms)" "per-file(ms)" "pdftotext(ms)" ratio "ratio/f" "kehoach MB" "pdftotext MB"
  for set in born-digital scanned; do
    if [ $set = born-digital ]; then FILES=(corpus/*.pdf); else FILES=(corpus/scanned/*.pdf); fi
    kh=(); ke=(); pt=()
    for _ in $(seq "$RUNS"); do
      kh+=("$(usec taskset -c 0 "$BIN" extract "${FILES[@]}" -o "$TMP/out")")
      pt+=("$(usec taskset -c 0 bash -c 'pdftotext_all "$@"' _ "${FILES[@]}")")
      ke+=("$(usec taskset -c 0 bash -c 'kehoach_each "$@"' _ "${FILES[@]}")")
    done
    KH=$(printf '%s\n' "${kh[@]}" | median); KE=$(printf '%s\n' "${ke[@]}" | median); PT=$(printf '%s\n' "${pt[@]}" | median)
    MK=$(peak taskset -c 0 "$BIN" extract "${FILES[@]}" -o "$TMP/out")
    MP=0; for f in "${FILES[@]}"; do m=$(peak pdftotext -layout "$f" /dev/null); [ "$m" -gt "$MP" ] && MP=$m; done
    printf '%-13s %5d %12s %12s %12s %8s %8s %11.1f %11.1f\n' $set ${#FILES[@]} "$(ms "$KH")" "$(ms "$KE")" "$(ms "$PT")" \
      "$(ratio "$KH" "$PT")" "$(ratio "$KE" "$PT")" "$(awk -v k="$MK" 'BEGIN{print k/1024}')" "$(awk -v k="$MP" 'BEGIN{print k/1024}')"
  done
  echo "(ratio: kehoach, one process for the set / pdftotext, one process per file; ratio/f: kehoach one process per file;"
  echo " memory: peak RSS of the kehoach run over the set, of the largest single pdftotext run)"
fi

if want repair; then
  echo
  echo "== 2. repair stage throughput, one core (examples/bench_legacy.rs)"
  taskset -c 0 target/release/examples/bench_legacy 20
fi

if want ingest; then
  echo
  echo "== 3. ingest into a fresh store: copies of the corpus PDFs ($(ls corpus/*.pdf corpus/scanned/*.pdf | wc -l) files, born-digital and scanned), made distinct"
  SRC=(corpus/*.pdf corpus/scanned/*.pdf)
  SIZES=(${INGEST_SIZES:-1 10 100 1000})
  MAX=${SIZES[-1]}
  mkdir -p "$TMP/docs"
  for i in $(seq 1 "$MAX"); do
    f=${SRC[$(( (i - 1) % ${#SRC[@]} ))]}
    d="$TMP/docs/$(printf '%04d' "$i")-$(basename "$f")"
    cp "$f" "$d"; printf '%% copy %d for the ingest benchmark\n' "$i" >> "$d"
  done
  printf '%6s %12s %10s %12s %10s %9s\n' docs "1 core (s)" "1 core MB" "$(nproc) cores (s)" "$(nproc) cores MB" speed-up
  for n in "${SIZES[@]}"; do
    rm -rf "$TMP/in"; mkdir "$TMP/in"
    for f in $(ls "$TMP/docs" | head -n "$n"); do ln "$TMP/docs/$f" "$TMP/in/$f"; done
    row=()
    for jobs in 1 "$(nproc)"; do
      rm -f "$TMP/store.db"*
      pin=(); [ "$jobs" = 1 ] && pin=(taskset -c 0)
      /usr/bin/time -o "$TMP/time" -f '%e %M' "${pin[@]}" "$BIN" ingest "$TMP/in" --db "$TMP/store.db" --jobs "$jobs" >/dev/null 2>"$TMP/log" || true
      summary=$(grep '^ingest: ' "$TMP/log" || true)
      [ "$summary" = "ingest: $n loaded, 0 already loaded, 0 failed, 0 skipped" ] || { echo "bench: ingest of $n documents: ${summary:-no summary}" >&2; tail -3 "$TMP/log" >&2; exit 1; }
      row+=("$(tail -1 "$TMP/time")")
    done
    read -r t1 m1 <<<"${row[0]}"; read -r tn mn <<<"${row[1]}"
    printf '%6d %12.2f %10.1f %12.2f %10.1f %9s\n' "$n" "$t1" "$(awk -v k="$m1" 'BEGIN{print k/1024}')" "$tn" "$(awk -v k="$mn" 'BEGIN{print k/1024}')" "$(ratio "$t1" "$tn")"
  done
  echo "(wall time and peak RSS of \`kehoach ingest FOLDER --db NEW.db --jobs J\`; one core: taskset -c 0, J = 1)"
  # On a loaded machine the speed-up says more about the load than about ingest: sample how many of the
  # process's threads are runnable (running or waiting for a core) during an all-cores ingest.
  rm -f "$TMP/store.db"*
  "$BIN" ingest "$TMP/in" --db "$TMP/store.db" --jobs "$(nproc)" >/dev/null 2>&1 & pid=$!
  samples=0; full=0
  while kill -0 "$pid" 2>/dev/null; do
    # (the process may end between the test and the read: no error then)
    r=$({ cat /proc/"$pid"/task/*/stat 2>/dev/null || true; } | awk '$3 == "R"' | wc -l)
    samples=$((samples + 1)); [ "$r" -ge "$(nproc)" ] && full=$((full + 1))
    sleep 0.05
  done
  wait "$pid" || true
  echo "all-cores ingest of ${SIZES[-1]}: at least $(nproc) threads runnable in $full of $samples samples; load average $(cut -d' ' -f1-3 /proc/loadavg)"
fi
