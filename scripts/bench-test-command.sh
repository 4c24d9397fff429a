#!/usr/bin/env bash
# bench-test-command.sh: times the test command of several revisions, one after the other on
# this machine, so that their figures compare (BENCHMARKS.md, "The test command").
#
# Usage: bash scripts/bench-test-command.sh REV [REV ...]   (e.g. a86920e HEAD)
#
# For each revision: a fresh clone (a clean target directory; the tools already installed),
# then `bash scripts/test.sh` with its wall time and per-step summary, then the incremental
# `cargo test` after touching one model file (src/model/num.rs: the crate is rebuilt and every
# test binary relinks) in that tree, once `cargo test` has run there.
# The clones stay under ${BENCH_DIR:-/tmp/funnelsim-bench} for a look afterwards.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ "$#" -ge 1 ] || { echo "usage: bash scripts/bench-test-command.sh REV [REV ...]" >&2; exit 2; }
REPO="$PWD"
BENCH_DIR="${BENCH_DIR:-/tmp/funnelsim-bench}"
mkdir -p "$BENCH_DIR"
# The tools are installed once, outside the timings.
bash scripts/ensure-tools.sh browser > /dev/null

RESULTS=()
for rev in "$@"; do
  commit="$(git rev-parse --short "$rev")"
  dir="$BENCH_DIR/$commit"
  rm -rf "$dir"
  git clone -q "$REPO" "$dir"
  git -C "$dir" checkout -q "$commit"
  log="$BENCH_DIR/$commit.log"
  echo "==> $commit: bash scripts/test.sh in a fresh clone ($dir), log in $log"
  t0=$SECONDS
  (cd "$dir" && bash scripts/test.sh < /dev/null > "$log" 2>&1)
  full=$((SECONDS - t0))
  sed -n '/==> summary/,/^steps:/p' "$log"
  # One model file touched: what a developer waits for after an edit (in a tree that has
  # run `cargo test` once, so its incremental cache is warm).
  (cd "$dir" && cargo test > /dev/null 2>&1)
  touch "$dir/src/model/num.rs"
  t0=$SECONDS
  (cd "$dir" && cargo test > "$log.incremental" 2>&1)
  incremental=$((SECONDS - t0))
  binaries=$(grep -c '^     Running ' "$log.incremental" || true)
  RESULTS+=("$commit  test command ${full} s  incremental cargo test ${incremental} s  native test binaries run ${binaries}")
done
echo
echo "==> results (same machine, one after the other)"
printf '    %s\n' "${RESULTS[@]}"
