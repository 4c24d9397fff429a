#!/usr/bin/env bash
# ensure-tools.sh: installs the pinned build/test tools if missing (idempotent, quick when all present).
#
# Usage (from the repo root, or anywhere: it cd's to the repo root):
#   source scripts/ensure-tools.sh build      # Rust target, trunk, wasm-bindgen, npm deps, PATH
#   source scripts/ensure-tools.sh browser    # ... plus Chromium + ChromeDriver for the tests
#   bash scripts/ensure-tools.sh [build|browser]   # same, as a plain check/install run
# (Always pass the mode when sourcing: a bare `source` would hand over the caller's own arguments.)
#
# When sourced it exports PATH (node_modules/.bin first, so trunk finds wasm-opt 132)
# and, with `browser`, CHROME_PATH / CHROMIUM_PATH / CHROMEDRIVER.
# Versions are documented in shared/TOOLCHAIN.md; keep them in sync with Trunk.toml and Cargo.toml.

FUNNELSIM_TRUNK_VERSION="0.21.14"
FUNNELSIM_WASM_BINDGEN_VERSION="0.2.130"
# wasm-split-cli, which cuts the app's wasm into lazily loaded chunks (scripts/build-app-wasm.mjs); it must read
# what wasm_split_helpers (Cargo.lock) writes.
FUNNELSIM_WASM_SPLIT_VERSION="0.2.4"
FUNNELSIM_CHROMIUM="/usr/bin/chromium"
FUNNELSIM_CHROMEDRIVER="/usr/bin/chromedriver"

log() { printf '==> %s\n' "$*"; }
# Prints an error; callers then `return 1` so the failure reaches the sourcing script (set -e).
err() { printf 'ERROR: %s\n' "$*" >&2; }

ensure_rust_tools() {
  # cargo-installed binaries live in ~/.cargo/bin; make sure it is on PATH.
  local cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
  case ":$PATH:" in
    *":$cargo_bin:"*) ;;
    *) export PATH="$cargo_bin:$PATH" ;;
  esac
  command -v cargo >/dev/null 2>&1 || { err "cargo not found: install Rust with rustup (https://rustup.rs)"; return 1; }

  log "checking Rust components (wasm32 target, rustfmt, clippy)"
  # Capture first, then grep: `grep -q` closing the pipe early would trip pipefail.
  local targets comps
  targets="$(rustup target list --installed)"
  if ! printf '%s\n' "$targets" | grep -qx 'wasm32-unknown-unknown'; then
    log "installing target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown || { err "rustup target add wasm32-unknown-unknown failed"; return 1; }
  fi
  comps="$(rustup component list --installed)"
  for c in rustfmt clippy; do
    if ! printf '%s\n' "$comps" | grep -q "^$c"; then
      log "installing rustup component $c"
      rustup component add "$c" || { err "rustup component add $c failed"; return 1; }
    fi
  done

  log "checking trunk $FUNNELSIM_TRUNK_VERSION"
  if [ "$(trunk --version 2>/dev/null)" != "trunk $FUNNELSIM_TRUNK_VERSION" ]; then
    log "installing trunk $FUNNELSIM_TRUNK_VERSION (cargo install, ~9 min on 2 cores)"
    cargo install trunk --version "$FUNNELSIM_TRUNK_VERSION" --locked || { err "cargo install trunk failed"; return 1; }
  fi

  log "checking wasm-bindgen-cli $FUNNELSIM_WASM_BINDGEN_VERSION"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $FUNNELSIM_WASM_BINDGEN_VERSION" ] ||
    ! command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
    log "installing wasm-bindgen-cli $FUNNELSIM_WASM_BINDGEN_VERSION (cargo install, ~3 min)"
    # No --locked: its lock file names a crate version the registry lacks.
    cargo install wasm-bindgen-cli --version "$FUNNELSIM_WASM_BINDGEN_VERSION" || { err "cargo install wasm-bindgen-cli failed"; return 1; }
  fi

  log "checking wasm-split-cli $FUNNELSIM_WASM_SPLIT_VERSION"
  if ! cargo install --list | grep -qx "wasm_split_cli_support v$FUNNELSIM_WASM_SPLIT_VERSION:"; then
    log "installing wasm-split-cli $FUNNELSIM_WASM_SPLIT_VERSION (cargo install, ~1 min)"
    cargo install wasm_split_cli_support --version "$FUNNELSIM_WASM_SPLIT_VERSION" --features build-binary --locked ||
      { err "cargo install wasm_split_cli_support failed"; return 1; }
  fi
}

ensure_node_deps() {
  command -v node >/dev/null 2>&1 || { err "node not found: install Node.js 20 or newer (with npm)"; return 1; }
  command -v npm >/dev/null 2>&1 || { err "npm not found: install npm (it comes with Node.js)"; return 1; }
  log "checking npm packages (playwright-core, binaryen/wasm-opt, lighthouse, axe-core)"
  # npm writes node_modules/.package-lock.json on every install: older than the lock file = stale.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
    [ ! -x node_modules/.bin/wasm-opt ] || [ ! -f node_modules/lighthouse/cli/index.js ] ||
    [ ! -f node_modules/axe-core/axe.min.js ]; then
    log "npm ci"
    npm ci --no-audit --no-fund || { err "npm ci failed"; return 1; }
  fi
  case ":$PATH:" in
    *":$PWD/node_modules/.bin:"*) ;;
    *) export PATH="$PWD/node_modules/.bin:$PATH" ;;
  esac
  local wo
  wo="$(wasm-opt --version 2>/dev/null || true)"
  case "$wo" in
    *"(version_132)"*) ;;
    *)
      err "wasm-opt on PATH is not version 132 (got: '${wo:-none}'); run 'npm ci'"
      return 1
      ;;
  esac
}

ensure_browser() {
  log "checking Chromium + ChromeDriver"
  if [ ! -x "$FUNNELSIM_CHROMIUM" ] || [ ! -x "$FUNNELSIM_CHROMEDRIVER" ]; then
    if [ "$(id -u)" = "0" ]; then
      log "installing chromium chromium-driver (apt-get)"
      DEBIAN_FRONTEND=noninteractive apt-get update || { err "apt-get update failed"; return 1; }
      DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver ||
        { err "apt-get install chromium chromium-driver failed"; return 1; }
    else
      err "the tests need Chromium and ChromeDriver at $FUNNELSIM_CHROMIUM and $FUNNELSIM_CHROMEDRIVER.
Install them as root:  sudo apt-get update && sudo apt-get install -y chromium chromium-driver"
      return 1
    fi
  fi
  export CHROME_PATH="$FUNNELSIM_CHROMIUM"
  export CHROMIUM_PATH="$FUNNELSIM_CHROMIUM"
  export CHROMEDRIVER="$FUNNELSIM_CHROMEDRIVER"
  # The Debian wrapper script prints shell noise on stderr; keep only the version line.
  log "$("$FUNNELSIM_CHROMIUM" --version 2>/dev/null) / $("$FUNNELSIM_CHROMEDRIVER" --version 2>/dev/null | cut -d' ' -f1-2)"
}

ensure_tools() {
  local want_browser=0
  for arg in "$@"; do
    case "$arg" in
      build) ;;
      browser | --browser | ensure_browser) want_browser=1 ;;
      *)
        err "ensure-tools.sh: unknown argument '$arg' (expected: build or browser)"
        return 1
        ;;
    esac
  done
  # Everything below is relative to the repo root (this file's parent directory).
  cd "$(dirname "${BASH_SOURCE[0]}")/.." || { err "cannot cd to the repo root"; return 1; }
  ensure_rust_tools || return 1
  ensure_node_deps || return 1
  if [ "$want_browser" = 1 ]; then
    ensure_browser || return 1
  fi
  log "tools ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version), node $(node --version)"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  # Run as a script: fail fast.
  set -euo pipefail
  ensure_tools "$@"
else
  ensure_tools "$@"
fi
