#!/usr/bin/env bash
# Release build: the server (speed-optimised) and the WASM (size-optimised, wasm-opt), with
# hashed asset names and brotli/gzip copies of the assets for the server to send as they are.
# EXTRA_WASM_RUSTFLAGS adds flags to the WASM build, e.g. "--cfg leptos_debuginfo" to get
# readable hydration errors in the browser console.
#
# Nothing to rebuild means nothing rebuilt. cargo-leptos empties the site and runs
# wasm-bindgen, wasm-opt and the compression again on every build, even when cargo finds all
# the code up to date, and `wasm-opt --converge` alone takes minutes. So after each successful
# build this script records a fingerprint of what the build read (the files of the tree, the
# tools, the settings) and of what it wrote (the binary, hash.txt, the site); when both still
# match, there is nothing to do and cargo-leptos is not run. REBUILD=1 builds anyway.
# When it does run, wasm-opt keeps its results (scripts/wasm-opt-cache/wasm-opt), so a WASM
# that came out byte for byte the same is not optimised a second time. WASM_OPT_CACHE=off
# runs the real wasm-opt on every file.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# erase_components must match the server's (.cargo/config.toml); panic locations in the WASM
# name crate files, and shorter paths make a smaller download.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components ${EXTRA_WASM_RUSTFLAGS:-} \
  --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src/=/ --remap-path-prefix=$ROOT/=/"

# A setting of [[workspace.metadata.leptos]] in Cargo.toml (a quoted string).
leptos_setting() {
  awk -F'"' -v key="$1" '$1 ~ "^" key " *= *$" { print $2; exit }' "$ROOT/Cargo.toml"
}
# Where cargo-leptos writes the site (a LEPTOS_SITE_* variable wins over Cargo.toml, as in
# cargo-leptos), and hash.txt: next to the binary, where the server looks for it.
SITE_DIR="${LEPTOS_SITE_ROOT:-$(leptos_setting site-root)}"
[ -n "$SITE_DIR" ] || die "no site-root in the [[workspace.metadata.leptos]] section of Cargo.toml"
PKG_DIR="$SITE_DIR/${LEPTOS_SITE_PKG_DIR:-$(leptos_setting site-pkg-dir)}"
HASH_FILE="$(dirname "$BIN")/hash.txt"
# In this checkout's own target folder even when CARGO_TARGET_DIR is shared with other
# checkouts: the fingerprint of the outputs notices when one of them has rebuilt the binary.
STAMP="$ROOT/target/release-build.stamp"

# Environment variables that change what cargo or cargo-leptos build: cargo's and rustc's own,
# cargo-leptos's LEPTOS_*, and those the C compilers and the build scripts of -sys crates
# read. Ones read only by the running server (DATABASE_URL, RUST_LOG, SMART_MAHALLA_*) are
# left out, so that setting them for `make run` does not cost a rebuild.
BUILD_ENV='^(CARGO_[A-Z0-9_]*|RUSTFLAGS|RUSTDOCFLAGS|RUSTC[A-Z0-9_]*|RUSTUP_TOOLCHAIN|LEPTOS_[A-Z0-9_]*|SERVER_FN_[A-Z0-9_]*|DISABLE_SERVER_FN_HASH|SQLX_[A-Z0-9_]*|EXTRA_WASM_RUSTFLAGS|SOURCE_DATE_EPOCH|CC|CXX|AR|CFLAGS|CXXFLAGS|LDFLAGS|(CC|CXX|AR|CFLAGS|CXXFLAGS)_[A-Za-z0-9_]*|(TARGET|HOST)_[A-Za-z0-9_]*|CRATE_CC_[A-Z0-9_]*|PKG_CONFIG[A-Z0-9_]*|LIBSQLITE3_[A-Z0-9_]*|SQLITE3_[A-Z0-9_]*|OPENSSL_[A-Z0-9_]*)='

# Folders of the tree the build never reads: the browser tests, the benchmark scripts, the
# fault tests and the screenshots. Editing a Playwright test must not cost a release build.
# Everything else that git sees, committed or not (untracked files too, unless ignored),
# counts.
NOT_BUILD_INPUTS=(':(exclude)end2end' ':(exclude)bench' ':(exclude)docs' ':(exclude)scripts/faults'
  ':(exclude)scripts/faults.sh')
# Nor are the build's own outputs, should CARGO_TARGET_DIR or the site be a folder of the tree
# that git does not ignore: otherwise every build would change the inputs of the next.
for out in "$TARGET_DIR" "$SITE_DIR"; do
  case "$out" in
    "$ROOT"/*) NOT_BUILD_INPUTS+=(":(exclude)${out#"$ROOT"/}") ;;
    /*) ;;
    *) NOT_BUILD_INPUTS+=(":(exclude)$out") ;;
  esac
done

# The hash of each file the build may read, one line per file; fails outside a git checkout.
tree_files() {
  local list f
  local -a files=()
  list="$(mktemp)" || return 1
  if ! git ls-files -z --cached --others --exclude-standard -- . "${NOT_BUILD_INPUTS[@]}" \
    >"$list" 2>/dev/null; then
    rm -f "$list"
    return 1
  fi
  while IFS= read -r -d '' f; do
    # A deleted file is still in git's index until the deletion is committed.
    if [ -f "$f" ]; then files+=("$f"); else printf 'deleted %s\n' "$f"; fi
  done < <(LC_ALL=C sort -zu "$list")
  rm -f "$list"
  # The lock of the npm packages (wasm-opt among them) is the one build input in end2end/.
  [ -f end2end/package-lock.json ] && files+=(end2end/package-lock.json)
  [ ${#files[@]} -gt 0 ] && sha256sum -- "${files[@]}"
}

# Files outside the tree that change the build: cargo's configuration in the folders above and
# in CARGO_HOME, and .env files, which cargo-leptos reads (the nearest one) like LEPTOS_*
# variables.
outside_files() {
  local dir="$ROOT" f
  while :; do
    for f in "$dir/.cargo/config" "$dir/.cargo/config.toml" "$dir/.env"; do
      if [ -f "$f" ]; then sha256sum -- "$f" || return 1; fi
    done
    [ "$dir" != / ] || break
    dir="$(dirname "$dir")"
  done
  for f in "${CARGO_HOME:-$HOME/.cargo}/config" "${CARGO_HOME:-$HOME/.cargo}/config.toml"; do
    if [ -f "$f" ]; then sha256sum -- "$f" || return 1; fi
  done
}

# One hash over everything the release build reads. Prints nothing and fails when any part of
# it cannot be read (no git, a tool missing): then there is no skipping, the build runs.
# (Each step checks for itself: `set -e` does not apply inside a `$( )`.)
build_inputs() {
  {
    echo "cargo leptos build --release --precompress --split"
    rustc -vV 2>/dev/null || exit 1
    cargo -V 2>/dev/null || exit 1
    cargo leptos --version 2>/dev/null || exit 1
    wasm-bindgen --version 2>/dev/null || exit 1
    wasm-opt --version 2>/dev/null || exit 1
    env | LC_ALL=C grep -E "$BUILD_ENV" | LC_ALL=C sort || true
    outside_files || exit 1
    tree_files || exit 1
  } | sha256sum | cut -d' ' -f1
}

# One hash over what the build wrote: the binary, hash.txt and every file of the site. It
# differs when anything else has written there since: `cargo leptos build` or `watch` without
# --release (they empty the site), `cargo bench` (it rebuilds the binary with other features),
# or another checkout sharing CARGO_TARGET_DIR.
built_outputs() {
  [ -f "$BIN" ] && [ -d "$PKG_DIR" ] || return 1
  {
    sha256sum -- "$BIN" || exit 1
    if [ -f "$HASH_FILE" ]; then sha256sum -- "$HASH_FILE" || exit 1; fi
    (cd "$SITE_DIR" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum --) || exit 1
  } | sha256sum | cut -d' ' -f1
}

# Every hashed name in hash.txt (the server builds its asset links from it) must be a file in
# the site's pkg folder, or the pages would load scripts and styles that do not exist.
site_matches_hash_file() {
  [ -f "$HASH_FILE" ] || return 0
  local kind hash f found names=0
  while IFS=': ' read -r kind hash; do
    [ -n "$kind" ] || continue
    [ -n "$hash" ] || { warn "$HASH_FILE has no hash for $kind"; return 1; }
    found=""
    for f in "$PKG_DIR"/*."$hash".*; do
      case "$f" in *.br | *.gz) ;; *) [ -f "$f" ] && found=1 ;; esac
    done
    [ -n "$found" ] || { warn "$HASH_FILE names $kind $hash, which is not in $PKG_DIR"; return 1; }
    names=$((names + 1))
  done <"$HASH_FILE"
  [ "$names" -gt 0 ]
}

stamp_text() { printf 'inputs %s\noutputs %s' "$1" "$2"; }

# One build of this tree at a time: cargo-leptos empties the site at the start of a build, and
# a second build (or a skip that checks the site) must not run in the middle of that.
mkdir -p "$ROOT/target"
if command -v flock >/dev/null; then
  exec 9>"$ROOT/target/release-build.lock"
  if ! flock -n 9; then
    say "waiting for the other release build of this tree to finish"
    flock 9
  fi
fi

inputs="$(build_inputs)" || inputs=""
if [ -n "${REBUILD:-}" ]; then
  reason="REBUILD is set"
elif [ -z "$inputs" ]; then
  reason="cannot tell what changed (not a git checkout, or a tool is missing)"
elif [ ! -f "$STAMP" ]; then
  reason="no finished release build of this tree yet"
else
  outputs="$(built_outputs)" || outputs=""
  if [ "$(head -n1 "$STAMP")" != "inputs $inputs" ]; then
    reason="the sources, tools or settings changed since the last release build"
  elif [ -z "$outputs" ] || [ "$(cat "$STAMP")" != "$(stamp_text "$inputs" "$outputs")" ]; then
    reason="the built binary or site changed since the last release build"
  elif ! site_matches_hash_file; then
    reason="hash.txt does not match the site"
  else
    say "release build up to date: nothing changed since it was built (REBUILD=1 builds anyway)"
    exit 0
  fi
fi

# From here until the new stamp is written the outputs are in flux: a build stopped half-way
# leaves no stamp, and the next run builds again.
rm -f "$STAMP"
if [ "${WASM_OPT_CACHE:-on}" != off ] && command -v wasm-opt >/dev/null; then
  export WASM_OPT_CACHE_DIR="$TARGET_DIR/wasm-opt-cache"
  mkdir -p "$WASM_OPT_CACHE_DIR"
  : >"$WASM_OPT_CACHE_DIR/log"
  export PATH="$ROOT/scripts/wasm-opt-cache:$PATH"
fi
say "building the release (cargo leptos build --release --precompress --split): $reason"
# --split: pages are lazy routes (app/src/pages.rs), each page's code in its own WASM chunk.
# 9>&-: the lock stays with this script; a helper the build leaves running (a compiler cache
# server, say) must not hold it after the script ends.
cargo leptos build --release --precompress --split 9>&-
[ -x "$BIN" ] || die "the build did not produce $BIN"
site_matches_hash_file || die "the build left a site that does not match $HASH_FILE (a stale hash.txt? delete it and build again)"
# The installable app's files: the icons rendered from favicon.svg and the service worker,
# which lists the hashed files this build just wrote (so it is never stale).
cargo run --quiet --locked -p pwa --bin pwa-files -- "$SITE_DIR" "$(leptos_setting name)" 9>&-

if [ -n "${WASM_OPT_CACHE_DIR:-}" ]; then
  reused="$(grep -c '^reused ' "$WASM_OPT_CACHE_DIR/log" || true)"
  optimised="$(grep -c '^optimised ' "$WASM_OPT_CACHE_DIR/log" || true)"
  say "wasm-opt: $optimised WASM file(s) optimised, $reused unchanged one(s) taken from the cache"
  # Results unused for three days go: the cache would otherwise grow by every WASM ever built.
  find "$WASM_OPT_CACHE_DIR" -type f -mtime +2 -delete 2>/dev/null || true
fi

# The stamp says "these outputs were built from these inputs"; if a file changed while the
# build ran, that is not known for sure, and the next run builds again.
if [ -n "$inputs" ]; then
  after="$(build_inputs)" || after=""
  outputs="$(built_outputs)" || outputs=""
  if [ "$after" = "$inputs" ] && [ -n "$outputs" ]; then
    stamp_text "$inputs" "$outputs" >"$STAMP.tmp"
    mv -f "$STAMP.tmp" "$STAMP"
  else
    warn "files changed while the release build ran: the next build will run again"
  fi
fi
