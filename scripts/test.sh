#!/usr/bin/env bash
# test.sh: the full check: format, lint (native + wasm32), native tests, browser wasm tests, release build, bundle budget,
# end-to-end tests, every benchmark at tiny sizes, then the quality gates (axe-core, Lighthouse), which all run before the verdict.
# Stops at the first failing step and says which one failed. Run from anywhere: `bash scripts/test.sh`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/ensure-tools.sh
source scripts/ensure-tools.sh browser

# A fresh clone (no target/ yet) has no incremental cache to reuse: building without one is
# faster. Later runs, after an edit, keep cargo's incremental builds.
[ -d target ] || export CARGO_INCREMENTAL=0

SUMMARY=()
PASSED=0
START_ALL=$SECONDS

# run_check KIND NAME COMMAND...: runs one check and records its time. A failed "step" stops everything;
# a failed "quality gate" (the audits) lets the next gate run, so one run reports every audit's findings,
# and the end of this script then fails the run.
GATES_FAILED=0
run_check() {
  local kind="$1" name="$2"
  shift 2
  local t0=$SECONDS
  printf '\n==> %s: %s\n    $ %s\n' "$kind" "$name" "$*"
  local rc=0
  "$@" || rc=$?
  if [ "$rc" -eq 0 ]; then
    SUMMARY+=("ok     $(printf '%4ss' $((SECONDS - t0)))  $name")
    PASSED=$((PASSED + 1))
    return
  fi
  SUMMARY+=("FAILED $(printf '%4ss' $((SECONDS - t0)))  $name (exit $rc)")
  if [ "$kind" = "quality gate" ]; then
    GATES_FAILED=$((GATES_FAILED + 1))
    return
  fi
  print_summary
  printf 'steps: %s passed, 1 failed\n' "$PASSED"
  printf '\nFAILED: step "%s" (exit code %s). Fix it and run: bash scripts/test.sh\n' "$name" "$rc" >&2
  exit "$rc"
}
run_step() { run_check "step" "$@"; }
run_gate() { run_check "quality gate" "$@"; }

print_summary() {
  printf '\n==> summary (%ss)\n' $((SECONDS - START_ALL))
  printf '    %s\n' "${SUMMARY[@]}"
}

run_step "format (cargo fmt --check)" cargo fmt --check
# The release build runs beside the lints and tests that follow: a release build and a debug build
# do not wait for each other's cargo lock, and much of each uses one core of two (the crate's front
# end, the release build's link-time optimisation). Started here, waited for as its own step below.
RELEASE_LOG="$(mktemp)"
RELEASE_START=$SECONDS
trunk build --release > "$RELEASE_LOG" 2>&1 &
RELEASE_PID=$!
# A run stopped by an earlier failure does not leave the build running.
trap 'kill "$RELEASE_PID" 2>/dev/null || true; rm -f "$RELEASE_LOG"' EXIT
release_build() {
  local rc=0
  wait "$RELEASE_PID" || rc=$?
  cat "$RELEASE_LOG"
  printf '    (the release build took %ss, beside the steps above)\n' $((SECONDS - RELEASE_START))
  return "$rc"
}
run_step "lint native (clippy)" cargo clippy --all-targets -- -D warnings
# For wasm32: the library (the UI), the binary and the tests; benches and examples are native tools,
# linted by the native step.
run_step "lint wasm32 (clippy)" cargo clippy --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings
run_step "native tests (cargo test)" cargo test
# The runner from .cargo/config.toml drives headless Chromium through ChromeDriver; no -q (it rejects --quiet).
run_step "browser wasm tests (wasm-bindgen-test)" \
  env CHROMEDRIVER="$CHROMEDRIVER" WASM_BINDGEN_TEST_TIMEOUT=180 cargo test --target wasm32-unknown-unknown
run_step "release build (trunk build --release, started after the format check)" release_build
# Gzipped wasm + JS + CSS of dist/ against the limits in budget.json.
run_step "bundle size budget (budget.json)" node scripts/check-budget.mjs
# Test files are named explicitly (*.test.mjs): helpers in tests/e2e/ are not tests, on any node version.
run_step "end-to-end tests (node --test, headless Chromium)" node --test tests/e2e/*.test.mjs
# Every benchmark command at tiny sizes (a few samples, 1,000 rows or trials): a bench that no
# longer runs fails here. The full-size runs stay out of CI (BENCHMARKS.md).
run_step "benchmarks run (tiny sizes)" bash scripts/smoke-benches.sh
# Quality gates (README "Quality gates"; limits in budget.json): axe-core in every view, Lighthouse on the build.
run_gate "accessibility audit (axe-core, every view; budget.json axe)" node --test tests/e2e/quality.audit.mjs
run_gate "Lighthouse desktop + mobile (budget.json lighthouse)" node scripts/lighthouse.mjs

print_summary
if [ "$GATES_FAILED" -gt 0 ]; then
  printf 'steps: %s passed, %s failed\n' "$PASSED" "$GATES_FAILED"
  printf '\nFAILED: %s quality gate(s); their findings are listed above. Fix them and run: bash scripts/test.sh\n' "$GATES_FAILED" >&2
  exit 1
fi
echo "All checks passed."
printf 'steps: %s passed, 0 failed\n' "$PASSED"
