#!/usr/bin/env bash
# serve.sh: installs missing tools, then builds and serves funnelsim at http://127.0.0.1:${PORT:-8080}/ (release mode; rebuilds on change, reload by hand: Trunk.toml).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/ensure-tools.sh
source scripts/ensure-tools.sh build

PORT="${PORT:-8080}"
# Trunk.toml has trunk serve ignore target/, which must exist.
mkdir -p target
echo "==> trunk serve --release on http://127.0.0.1:${PORT}/ (Ctrl+C to stop)"
exec trunk serve --release --address 127.0.0.1 --port "$PORT" "$@"
