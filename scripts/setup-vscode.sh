#!/usr/bin/env bash
# Installs what the real-VS-Code harness needs, idempotently:
#   - Debian: chromium (the browser the workbench is drawn in), ripgrep (seeded into @vscode/ripgrep's
#     download cache) and libkrb5-dev (gssapi.h, for code-server's native `kerberos` build);
#   - code-server 4.100.3 (= VS Code 1.100.3) into .vscode-test/cs, outside the project's own dependencies.
# Safe to run again: every step is skipped when its result is already there. Works as root with no stdin (CI).
# See shared docs "real-vscode.md" for why each npm setting is needed.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep version and the ripgrep build its postinstall downloads (for code-server 4.100.3).
RIPGREP_PKG_VERSION=1.15.11
RIPGREP_BUILD=v13.0.0-10

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="$root/.vscode-test/cs"
bin="$prefix/node_modules/.bin/code-server"

say() { printf '[setup-vscode] %s\n' "$*"; }
die() { printf '[setup-vscode] ERROR: %s\n' "$*" >&2; exit 1; }

# --- 1. Debian packages ---------------------------------------------------------------------------
have_gssapi() { [ -f /usr/include/gssapi/gssapi.h ] || [ -f /usr/include/gssapi.h ]; }
if command -v chromium >/dev/null 2>&1 && command -v rg >/dev/null 2>&1 && have_gssapi; then
  say "apt: chromium, ripgrep, libkrb5-dev already present"
else
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install chromium ripgrep libkrb5-dev"
    sudo="sudo -n"
  fi
  say "apt: installing chromium ripgrep libkrb5-dev (about 20 s)"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq </dev/null >/dev/null || die "apt-get update failed"
  $sudo apt-get install -y -qq chromium ripgrep libkrb5-dev </dev/null >/dev/null \
    || die "apt-get install chromium ripgrep libkrb5-dev failed"
  say "apt: done"
fi

# --- 2. code-server -------------------------------------------------------------------------------
if [ -x "$bin" ]; then
  say "code-server: already installed at ${bin#"$root"/}"
  exit 0
fi

# Pre-seed @vscode/ripgrep's download cache with Debian's rg (its postinstall would fetch it from GitHub).
case "$(uname -m)" in
  x86_64) rg_target=x86_64-unknown-linux-musl ;;
  aarch64 | arm64) rg_target=aarch64-unknown-linux-musl ;;
  *) die "unsupported architecture $(uname -m) for the ripgrep cache" ;;
esac
tmpdir="$(node -p 'require("os").tmpdir()')"
cache_dir="$tmpdir/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
tarball="$cache_dir/ripgrep-$RIPGREP_BUILD-$rg_target.tar.gz"
if [ ! -s "$tarball" ]; then
  rg_path="$(command -v rg)" || die "rg not found"
  stage="$(mktemp -d)"
  trap 'rm -rf "$stage"' EXIT
  cp "$rg_path" "$stage/rg"
  mkdir -p "$cache_dir"
  tar -czf "$tarball.partial" -C "$stage" rg
  mv "$tarball.partial" "$tarball"
  say "ripgrep: seeded ${tarball} from $rg_path"
fi

say "code-server: installing code-server@$CODE_SERVER_VERSION into ${prefix#"$root"/} (about 2 min: native modules build from source)"
mkdir -p "$prefix"
# A package.json of its own, so npm never walks up into the project's.
[ -f "$prefix/package.json" ] || printf '{ "name": "vscode-test-cs", "private": true }\n' >"$prefix/package.json"
log="$root/.vscode-test/cs-install.log"
start=$(date +%s)
if ! npm_config_yes=true npm_config_build_from_source=true npm_config_update_notifier=false \
  npm install --prefix "$prefix" --no-audit --no-fund --unsafe-perm=true \
  "code-server@$CODE_SERVER_VERSION" </dev/null >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  die "npm install code-server@$CODE_SERVER_VERSION failed (full log: ${log#"$root"/})"
fi
[ -x "$bin" ] || die "code-server installed but $bin is missing (log: ${log#"$root"/})"
version="$(node -p 'require(process.argv[1]).version' "$prefix/node_modules/code-server/package.json")"
say "code-server: installed $version in $(($(date +%s) - start)) s"
