#!/usr/bin/env bash
# `make test-faults`: the release server under faults (scripts/faults/run.py tells the cases
# and prints a summary of each):
#   a. kill -9 under load, on SQLite and PostgreSQL: nothing acknowledged is lost, nothing is
#      half-written (admin check-appeals, admin list-numbers);
#   b. PostgreSQL stopped and started under load (a throwaway cluster of its own, so that the
#      shared one is left alone): 503 with Retry-After meanwhile, recovery by itself;
#   c. a data folder that is a file, read-only or full: one line of error, a non-zero exit
#      (as root with tmpfs mounts; as a normal user the full disk is skipped);
#   d. SIGTERM under load with a live board open: every request in flight answered, exit 0.
# PostgreSQL as for `make test` (SM_TEST_POSTGRES_URL, or Debian's, started when needed);
# each case gets a database of its own, dropped after. FAULTS_ONLY=a,c runs some cases only.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

[ -x "$BIN" ] || die "no release build at $BIN: run make build first"
command -v python3 >/dev/null || die "python3 is needed for the fault tests"
POSTGRES_URL="$(bash scripts/postgres.sh)"
command -v psql >/dev/null || die "psql is needed for the fault tests (Debian's postgresql-client)"

python3 -B scripts/faults/run.py --bin "$BIN" --postgres-url "$POSTGRES_URL" --only "${FAULTS_ONLY:-a,b,c,d}"
