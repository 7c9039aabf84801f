#!/usr/bin/env bash
# Monitoring benchmark (`make bench-monitoring`): runs server/benches/monitoring.rs, which
# generates a district with 1,000,000 appeals over five years on SQLite and on PostgreSQL and
# prints the server time of the dashboard's summary (storage and HTTP) and page beside a bare
# COUNT(*), and the time of an XLSX export of 100,000 appeals; it fails when a summary or the
# dashboard takes a second or more (p50).
# PostgreSQL as for `make test` (scripts/lib.sh, run_bench).
# Usage: bash bench/monitoring.sh   (BENCH_OPEN, BENCH_CLOSED, BENCH_RUNS, BENCH_EXPORT_ROWS
# change the sizes; BENCH_KEEP=1 keeps the databases)
source "$(dirname "$0")/../scripts/lib.sh"
run_bench monitoring
