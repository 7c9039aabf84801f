#!/usr/bin/env bash
# Builds every variant of the i18n size benchmark for the browser and prints what each costs
# in the WASM download: raw and brotli (quality 11) after wasm-bindgen and wasm-opt -Oz, and
# the difference over a bare Leptos hydrate app. See README.md.
#
# Environment: CARGO_TARGET_DIR (default /tmp/i18n-size-target), WASM_BINDGEN (default
# ~/.cargo/bin/wasm-bindgen), WASM_OPT (default the project's end2end/node_modules/.bin/wasm-opt),
# VARIANTS (default "baseline meta typed i18n_fixed i18n_plain i18n_string i18n dynamic"), KEEP_TARGET=1 to keep the target directory
# (removed at the end by default: the build takes a few GB).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/i18n-size-target}"
WASM_BINDGEN="${WASM_BINDGEN:-$HOME/.cargo/bin/wasm-bindgen}"
WASM_OPT="${WASM_OPT:-$ROOT/end2end/node_modules/.bin/wasm-opt}"
VARIANTS="${VARIANTS:-baseline meta typed i18n_fixed i18n_plain i18n_string i18n dynamic}"
OUT="$CARGO_TARGET_DIR/i18n-size"
export I18N_SIZE_JSON_DIR="$OUT/json"

# As the project's scripts/build.sh: erase_components (the project's .cargo/config.toml sets it
# for every build, and the server and the browser must agree) and short panic-location paths.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components \
  --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src/=/ --remap-path-prefix=$HERE/=/"
# The project's wasm-opt features (cargo-leptos's defaults need bulk memory and the
# non-trapping conversions that rustc's wasm32 target now emits), without --converge.
WASM_OPT_FLAGS=(-Oz --enable-bulk-memory --enable-nontrapping-float-to-int
  --strip-producers --strip-target-features)

cd "$HERE"
SUMMARY="$(python3 extract.py)"
echo "$SUMMARY" >&2
mkdir -p "$OUT"

brotli_size() { # bytes of brotli quality 11 (node's zlib)
  node -e '
    const zlib = require("zlib");
    const data = require("fs").readFileSync(process.argv[1]);
    const out = zlib.brotliCompressSync(data, { params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
    console.log(out.length);' "$1"
}
size() { stat -c %s "$1"; }

declare -A RAW BR
for variant in $VARIANTS; do
  echo "== building $variant" >&2
  cargo build --release --target wasm32-unknown-unknown --no-default-features \
    --features "$variant" >&2
  dir="$OUT/$variant"
  rm -rf "$dir" && mkdir -p "$dir"
  "$WASM_BINDGEN" --target web --out-dir "$dir" --out-name "$variant" \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/i18n_size.wasm"
  "$WASM_OPT" "${WASM_OPT_FLAGS[@]}" -o "$dir/$variant.opt.wasm" "$dir/${variant}_bg.wasm"
  RAW[$variant]=$(size "$dir/$variant.opt.wasm")
  BR[$variant]=$(brotli_size "$dir/$variant.opt.wasm")
done

kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
delta() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f", (a - b) / 1024 }'; }

echo
echo "Strings: $(echo "$SUMMARY" | head -1)"
echo
printf '%-11s %12s %12s %14s %14s  %s\n' variant "WASM KB" "brotli KB" "raw over base" "br over base" "note"
for variant in $VARIANTS; do
  note=""
  case $variant in
    baseline) note="bare Leptos hydrate app, shows nothing" ;;
    meta) note="the same + leptos_meta setting <html lang> (the project has it)" ;;
    typed) note="typed tables, 4 languages in the WASM" ;;
    i18n_fixed) note="leptos_i18n 0.6 provider only, no key shown (its fixed cost)" ;;
    i18n) note="leptos_i18n 0.6 default features, 4 locales in the WASM" ;;
    i18n_plain) note="leptos_i18n 0.6, only the keys without interpolation, t_string!" ;;
    i18n_string) note="the same, t_string! (read once) instead of t! where no interpolation" ;;
    dynamic) note="leptos_i18n 0.6 + dynamic_load, strings outside the WASM" ;;
  esac
  if [ -n "${RAW[baseline]:-}" ] && [ "$variant" != baseline ]; then
    d_raw=$(delta "${RAW[$variant]}" "${RAW[baseline]}")
    d_br=$(delta "${BR[$variant]}" "${BR[baseline]}")
  else
    d_raw="-" d_br="-"
  fi
  printf '%-11s %12s %12s %14s %14s  %s\n' "$variant" "$(kb "${RAW[$variant]}")" \
    "$(kb "${BR[$variant]}")" "$d_raw" "$d_br" "$note"
done

if [ -d "$I18N_SIZE_JSON_DIR" ] && [[ " $VARIANTS " == *" dynamic "* ]]; then
  echo
  echo "dynamic: one locale's strings as leptos_i18n sends them (a JSON array of the values,"
  echo "embedded in the server's HTML on page load, or the answer of its server function):"
  printf '%-11s %12s %12s\n' locale "JSON KB" "brotli KB"
  for tag in uz-Latn uz-Cyrl ru en; do
    f="$I18N_SIZE_JSON_DIR/$tag.json"
    printf '%-11s %12s %12s\n' "$tag" "$(kb "$(size "$f")")" "$(kb "$(brotli_size "$f")")"
  done
fi

if [ "${KEEP_TARGET:-0}" != 1 ]; then
  rm -rf "$CARGO_TARGET_DIR"
fi
