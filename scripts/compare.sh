#!/usr/bin/env bash
# Compares what two revisions extract, byte for byte: the working tree's binary against REV's
# (default HEAD), built in a temporary git worktree with its own target directory (kept in
# target/compare-base/ so a second run rebuilds only what changed). Every corpus PDF, the corpus
# scans and each kind of scan corpus/scan/variants.sh has built under target/ are extracted by both;
# the files whose JSON differs are listed (none: "same"). What every session checks after a change
# that should move one set only. Usage: scripts/compare.sh [REV]
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-HEAD}
base_tree=$(mktemp -d)
trap 'git worktree remove --force "$base_tree" >/dev/null 2>&1 || true; rm -rf "$out"' EXIT
out=$(mktemp -d)
git worktree add -q --detach "$base_tree" "$rev"
CARGO_TARGET_DIR="$(pwd)/target/compare-base" cargo build --release -q --manifest-path "$base_tree/Cargo.toml"
cargo build --release -q
sets=(corpus corpus/scanned)
for d in target/scanned-*; do [ -d "$d" ] && ls "$d"/*.pdf >/dev/null 2>&1 && sets+=("$d"); done
diffs=0
for set in "${sets[@]}"; do
  name=$(echo "$set" | tr / _)
  target/compare-base/release/kehoach extract "$set"/*.pdf -o "$out/base/$name" >/dev/null 2>&1 || true
  target/release/kehoach extract "$set"/*.pdf -o "$out/new/$name" >/dev/null 2>&1 || true
  for f in "$out/base/$name"/*.json; do
    g="$out/new/$name/$(basename "$f")"
    if ! cmp -s "$f" "$g"; then echo "differs: $set/$(basename "$f" .json).pdf"; diffs=$((diffs + 1)); fi
  done
done
[ "$diffs" = 0 ] && echo "same: ${#sets[@]} sets against $rev"
exit 0
