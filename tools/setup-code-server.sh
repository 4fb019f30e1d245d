#!/usr/bin/env bash
# Installs what the real-VS-Code tests need on a fresh Debian machine: ripgrep, Chromium, the kerberos
# headers code-server's native module builds against, and code-server itself into an ignored folder.
# Idempotent: a second run takes seconds. code-server is not a devDependency on purpose: every `npm ci`
# would pay its ~300 MB, and its ripgrep postinstall needs the seeding below.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=${1:-$ROOT/.vscode-e2e}
CS_VERSION=4.100.3
mkdir -p "$DEST"
export DEBIAN_FRONTEND=noninteractive
need=()
command -v rg >/dev/null || need+=(ripgrep)
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ! -x "$DEST/node_modules/.bin/code-server" ]; then
  # @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable: seed its cache with Debian's rg.
  RG_CACHE="$(node -e 'console.log(require("os").tmpdir())')/vscode-ripgrep-cache-1.15.11"
  RG_TGZ="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -s "$RG_TGZ" ]; then
    tmp=$(mktemp -d); cp "$(command -v rg)" "$tmp/rg"; mkdir -p "$RG_CACHE"; tar czf "$RG_TGZ" -C "$tmp" rg; rm -rf "$tmp"
  fi
  [ -f "$DEST/package.json" ] || echo '{"name":"vscode-e2e-tools","version":"0.0.0","private":true}' > "$DEST/package.json"
  (cd "$DEST" && npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION")
fi
"$DEST/node_modules/.bin/code-server" --version | head -1
