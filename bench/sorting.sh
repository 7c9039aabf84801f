#!/usr/bin/env bash
# Sorting benchmark (`make bench-sorting`): runs server/benches/sorting.rs, which times the
# classifier's training on the built-in corpus and its throughput (texts per second, one
# thread), then generates 100,000 appeals (5,000 open, 95,000 closed) on SQLite and on
# PostgreSQL and times the related-appeal lookup of the Analysis stage (p50/p95/p99/max,
# through the router and the storage call alone). Budgets — training under 1 s, at least
# 1,000 texts/s, lookup p95 on SQLite under 100 ms — fail the run when missed.
# PostgreSQL as for `make test` (scripts/lib.sh, run_bench).
# Usage: bash bench/sorting.sh   (BENCH_OPEN, BENCH_CLOSED, BENCH_TEXTS, BENCH_RELATED_RUNS
# change the sizes; BENCH_KEEP=1 keeps the databases)
source "$(dirname "$0")/../scripts/lib.sh"
run_bench sorting
