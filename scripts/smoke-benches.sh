#!/usr/bin/env bash
# smoke-benches.sh: runs every benchmark command at tiny sizes, so that a bench can never
# silently rot (each exits non-zero if it cannot measure). Not a measurement: the full-size
# runs, and their figures, are in BENCHMARKS.md. The test command runs this after the
# end-to-end tests, on the release build in dist/ (or FUNNELSIM_DIST).
#
#   bash scripts/smoke-benches.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() {
  printf -- '--> %s\n' "$*"
  "$@" > /dev/null
}

# The native benches (harness = false): their main() at a few calls each, in the test build.
step env BENCH_SMOKE=1 cargo test --benches
# The plain-JS Monte Carlo alone, in Node.
step node benches/monte-carlo-js.mjs tests/golden/saas_forecast.json 1000
# The browser benches, on the release build.
step node benches/size.mjs
step env ITERATIONS=3 WARMUP=1 node benches/browser-latency.mjs
step env TRIALS=10000 RUNS=1 node benches/monte-carlo-browser.mjs
step env ROWS=1000 node benches/crm-import.mjs
step env RUNS=1 node benches/first-input.mjs
echo "every benchmark command ran"
