#!/usr/bin/env bash
# Release build: the server (speed-optimised) and the WASM (size-optimised, wasm-opt),
# with hashed asset names, then brotli and gzip copies of the assets for the server to send.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
say "building the release (cargo leptos build --release)"
cargo leptos build --release
node "$ROOT/scripts/precompress.mjs" "$ROOT/target/site/pkg"
[ -x "$BIN" ] || die "the build did not produce $BIN"
