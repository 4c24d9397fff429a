#!/usr/bin/env bash
# build.sh: installs missing tools, then builds the static site into dist/ (release, relative asset paths).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/ensure-tools.sh
source scripts/ensure-tools.sh build

echo "==> trunk build --release (output: dist/)"
trunk build --release "$@"
echo "==> dist/ is ready: copy it under any path of a static host."
