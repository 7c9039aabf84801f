#!/usr/bin/env bash
# Installs what building needs, only when it is missing: the wasm32 target, cargo-leptos,
# the wasm-bindgen CLI matching Cargo.lock, and the npm packages (wasm-opt, Playwright).
# With --browser it also installs Debian's Chromium for the end-to-end tests.
source "$(dirname "$0")/lib.sh"

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first (https://rustup.rs)"
command -v npm >/dev/null || die "npm not found: install Node.js 20 first"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(cargo leptos --version 2>/dev/null || true)" != "cargo-leptos 0.3.10" ]; then
  say "installing cargo-leptos 0.3.10 (takes 15-20 minutes, once)"
  cargo install cargo-leptos --version 0.3.10 --locked
fi

WBG="$(locked_wasm_bindgen)"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WBG" ]; then
  say "installing wasm-bindgen-cli $WBG (2-4 minutes, once)"
  cargo install wasm-bindgen-cli --version "$WBG" --locked --force
fi

lock="$ROOT/end2end/package-lock.json"
stamp="$ROOT/end2end/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ]; then
  say "installing npm packages (wasm-opt, Playwright)"
  (cd "$ROOT/end2end" && npm ci --no-audit --no-fund --loglevel=error)
fi
command -v wasm-opt >/dev/null || die "wasm-opt missing after npm ci (end2end/node_modules/.bin)"

if [ "${1:-}" = "--browser" ] && ! command -v chromium >/dev/null; then
  say "installing Debian's Chromium for the browser tests"
  apt_install chromium
fi
exit 0
