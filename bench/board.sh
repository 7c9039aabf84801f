#!/usr/bin/env bash
# Board benchmark (`make bench-board`): runs server/benches/board.rs, which generates a district
# with 5,000 open and 100,000 closed appeals on SQLite and on PostgreSQL and prints the server
# time to load the board and to move a card (p50/p95/p99/max, through the router and the
# storage call alone), then checks the budgets on SQLite — board p95 under 100 ms, move p95
# under 20 ms — and fails when one is missed.
# PostgreSQL as for `make test` (scripts/lib.sh, run_bench).
# Usage: bash bench/board.sh   (BENCH_OPEN, BENCH_CLOSED, BENCH_BOARD_RUNS, BENCH_MOVE_RUNS
# change the sizes; BENCH_KEEP=1 keeps the databases for looking at query plans)
source "$(dirname "$0")/../scripts/lib.sh"
run_bench board
