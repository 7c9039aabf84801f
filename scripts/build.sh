#!/usr/bin/env bash
# Release build: the server (speed-optimised) and the WASM (size-optimised, wasm-opt), with
# hashed asset names and brotli/gzip copies of the assets for the server to send as they are.
# EXTRA_WASM_RUSTFLAGS adds flags to the WASM build, e.g. "--cfg leptos_debuginfo" to get
# readable hydration errors in the browser console.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
say "building the release (cargo leptos build --release --precompress --split)"
# erase_components must match the server's (.cargo/config.toml); panic locations in the WASM
# name crate files, and shorter paths make a smaller download.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components ${EXTRA_WASM_RUSTFLAGS:-} \
  --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src/=/ --remap-path-prefix=$ROOT/=/"
# --split: pages are lazy routes (app/src/pages.rs), each page's code in its own WASM chunk.
cargo leptos build --release --precompress --split
[ -x "$BIN" ] || die "the build did not produce $BIN"
