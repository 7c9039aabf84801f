# Shared helpers for the make targets (sourced, not run).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
BIN="$TARGET_DIR/release/smart-mahalla"
export PATH="$HOME/.cargo/bin:$ROOT/end2end/node_modules/.bin:$PATH"

say() { printf '\033[1;32m==>\033[0m %s\n' "$*"; }
warn() { printf '\033[1;33m!!\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# apt-get update once per run, then install the given Debian packages.
APT_UPDATED=""
apt_install() {
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# The wasm-bindgen version the workspace locks (the CLI must be exactly the same).
locked_wasm_bindgen() {
  awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' "$ROOT/Cargo.lock"
}

# Runs `cargo bench -p server --bench NAME` on SQLite and PostgreSQL: BENCH_POSTGRES_URL or
# SM_TEST_POSTGRES_URL when set, otherwise Debian's postgresql, installed and started as for
# `make test`.
run_bench() {
  cd "$ROOT"
  if [ -z "${BENCH_POSTGRES_URL:-}" ]; then
    SM_TEST_POSTGRES_URL="$(bash "$ROOT/scripts/postgres.sh")"
    export SM_TEST_POSTGRES_URL
  fi
  say "$1 benchmark: cargo bench -p server --bench $1"
  cargo bench -p server --bench "$1" --locked
}
