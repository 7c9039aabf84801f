#!/usr/bin/env bash
# `make test`: every test, phase by phase, with the time each phase took.
#   1. tools      what building needs (installed only when missing), Chromium
#   2. postgres   a real PostgreSQL server for the storage tests (installed/started when needed)
#   3. lint       rustfmt and clippy (-D warnings) on the server and browser builds
#   4. rust       unit, storage and HTTP tests — each storage/HTTP test on SQLite and PostgreSQL
#   5. build      the release build (server + size-optimised WASM)
#   6. faults     the release server under kill -9, a PostgreSQL restart, an unusable data
#                 folder and SIGTERM, each under load (scripts/faults.sh)
#   7. e2e        Playwright in Debian's Chromium against the release binary
#   8. bundle     first-load bundle sizes against the budget
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

PHASES=()
FINISHED=""
run_phase() {
  local name="$1"; shift
  say "phase: $name"
  local start=$SECONDS
  "$@"
  PHASES+=("$(printf '%-9s %4ds' "$name" $((SECONDS - start)))")
}
summary() {
  local status=$?
  echo
  say "phase times"
  for line in "${PHASES[@]}"; do echo "   $line"; done
  if [ $status -eq 0 ] && [ -n "$FINISHED" ]; then
    say "all tests passed in $((SECONDS))s"
  else
    warn "make test failed after $((SECONDS))s (exit $status)"
  fi
}
trap summary EXIT
# Stopped from outside (Ctrl-C, a CI time limit): the summary must not say "passed".
trap 'exit 130' INT
trap 'exit 143' TERM

tools() { bash scripts/install-tools.sh --browser; }
postgres() {
  SM_TEST_POSTGRES_URL="$(bash scripts/postgres.sh)"
  export SM_TEST_POSTGRES_URL
  echo "   PostgreSQL for tests: ${SM_TEST_POSTGRES_URL%%:*}://…@${SM_TEST_POSTGRES_URL#*@}"
}
# Every crate but the browser entry, which builds for wasm32 only.
CRATES=(-p domain -p classify -p storage -p photos -p app -p server -p pwa)
lint() {
  cargo fmt --all -- --check
  cargo clippy "${CRATES[@]}" -p ceiling --all-targets --locked -- -D warnings
  cargo clippy -p frontend -p app --features app/hydrate --target wasm32-unknown-unknown --locked -- -D warnings
}
# A test that hangs fails on its own after 3 minutes (storage::testing::TEST_TIME_LIMIT);
# this limit catches anything else that would stop the run, compiling included.
RUST_PHASE_LIMIT="${RUST_PHASE_LIMIT:-40m}"
rust_tests() { timeout "$RUST_PHASE_LIMIT" cargo test "${CRATES[@]}" --locked; }
build() { bash scripts/build.sh; }
faults() { bash scripts/faults.sh; }
e2e() {
  E2E_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  export E2E_PORT SMART_MAHALLA_BIN="$BIN"
  (cd end2end && npx playwright test)
}
bundle() { node bench/bundle.mjs; }

run_phase tools tools
run_phase postgres postgres
run_phase lint lint
run_phase rust rust_tests
run_phase build build
run_phase faults faults
run_phase e2e e2e
run_phase bundle bundle
FINISHED=1
