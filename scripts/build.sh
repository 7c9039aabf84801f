#!/usr/bin/env bash
# Release build: the server (speed-optimised) and the WASM (size-optimised, wasm-opt), with
# hashed asset names and brotli/gzip copies of the assets for the server to send as they are.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
say "building the release (# Panic locations in the WASM name crate files; shorter paths make a smaller download.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components ${EXTRA_WASM_RUSTFLAGS:-} \
  --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src/=/ --remap-path-prefix=$ROOT/=/"
cargo leptos build --release --precompress)"
# Panic locations in the WASM name crate files; shorter paths make a smaller download.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components ${EXTRA_WASM_RUSTFLAGS:-} \
  --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src/=/ --remap-path-prefix=$ROOT/=/"
cargo leptos build --release --precompress
[ -x "$BIN" ] || die "the build did not produce $BIN"
