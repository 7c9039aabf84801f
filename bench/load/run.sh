#!/usr/bin/env bash
# `make bench-load`: submissions per second through the whole project — a signed-in citizen
# filing appeals over HTTP against the release server on SQLite — beside the ceilings, a bare
# axum + sqlx insert of the same form (bench/ceiling) at synchronous=FULL, =NORMAL, and FULL
# with one writer committing what is queued. Also the board and an appeal's page under load.
#
# Every run uses wrk from Debian's packages: LOAD_CONNECTIONS (50) connections for
# LOAD_SECONDS (10) each. Budget: the project reaches at least 0.7 of the NORMAL ceiling's
# requests per second with FULL durability, at a p99 under 50 ms.
source "$(dirname "$0")/../../scripts/lib.sh"
cd "$ROOT"

CONNECTIONS="${LOAD_CONNECTIONS:-50}"
SECONDS_EACH="${LOAD_SECONDS:-10}"
THREADS="${LOAD_THREADS:-2}"
BUDGET_RATIO="0.7"
BUDGET_P99_MS="50"

command -v wrk >/dev/null || { say "installing wrk (Debian package)"; apt_install wrk; }
command -v curl >/dev/null || apt_install curl
[ -x "$BIN" ] || die "no release build at $BIN: run make build first"
say "building the ceiling server (bench/ceiling)"
cargo build --release --locked -p ceiling
CEILING="$TARGET_DIR/release/ceiling"

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_up() {
  for _ in $(seq 1 600); do
    curl -fs -o /dev/null "$1" -X "${2:-GET}" && return 0
    curl -s -o /dev/null "$1" && [ "${2:-}" = "any" ] && return 0
    sleep 0.1
  done
  die "server at $1 did not start"
}
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# One wrk run; prints "req/s p50 p99" (milliseconds) and fails on any error answer.
drive() {
  local url="$1" out
  out="$(wrk -t "$THREADS" -c "$CONNECTIONS" -d "${SECONDS_EACH}s" --latency -s bench/load/request.lua "$url")"
  local line
  line="$(grep '^LOAD ' <<<"$out")" || die "wrk printed no figures: $out"
  python3 - "$line" <<'PY'
import sys
fields = dict(kv.split("=") for kv in sys.argv[1].split()[1:])
reqs, secs = int(fields["reqs"]), float(fields["secs"])
errors = int(fields["errors"])
if errors:
    sys.exit(f"{errors} of {reqs} requests failed or were refused")
print(f"{reqs / secs:.0f} {float(fields['p50']):.1f} {float(fields['p99']):.1f}")
PY
}

declare -A RESULT
measure() { # name url method body cookie
  say "driving: $1"
  RESULT[$1]="$(LOAD_METHOD="$3" LOAD_BODY="$4" LOAD_COOKIE="$5" drive "$2")"
}

# --- the project: a demo database, a signed-in citizen, limits raised for the run ---------
PORT="$(free_port)"
"$BIN" serve --addr "127.0.0.1:$PORT" --data-dir "$WORK/project" --demo \
  --appeals-per-account-per-day 100000000 --appeals-per-address-per-hour 100000000 \
  >"$WORK/project.log" 2>&1 &
PIDS+=($!)
BASE="http://127.0.0.1:$PORT"
wait_up "$BASE/healthz"
sign_in() { # phone → cookie header value
  curl -fs -c - -o /dev/null -H 'Content-Type: application/json' -H 'Accept: application/json' \
    -d "{\"phone\":\"$1\",\"password\":\"mahalla-demo-2026\"}" "$BASE/api/auth/sign-in" |
    awk '$6 == "sm_session" { print "sm_session=" $7 }'
}
CITIZEN="$(sign_in '+998901112233')"
INSPECTOR="$(sign_in '+998900000002')"
[ -n "$CITIZEN" ] && [ -n "$INSPECTOR" ] || die "demo sign-in failed (see $WORK/project.log)"
MAHALLA="$(curl -fs -H "Cookie: $CITIZEN" "$BASE/api/mahallas" | json_field '[0]["id"]')"
BODY="{\"draft\":{\"kind\":\"ariza\",\"category\":\"\",\"mahalla_id\":$MAHALLA,\
\"street_address\":\"Bodomzor ko'chasi, 12-uy\",\"citizen_name\":\"Dilnoza Karimova\",\
\"citizen_phone\":\"+998 90 111 22 33\",\"text\":\"Ko'cha chiroqlari uch kundan beri yonmayapti, \
kechqurun bolalar qorong'ida maktabdan qaytishmoqda.\"}}"
NUMBER="$(curl -fs -H "Cookie: $CITIZEN" -H 'Content-Type: application/json' -H 'Accept: application/json' \
  -d "$BODY" "$BASE/api/appeals/submit" | json_field '["number"]')" || die "a test submission failed"

measure project "$BASE/api/appeals/submit" POST "$BODY" "$CITIZEN"
measure board "$BASE/api/board" GET "" "$INSPECTOR"
measure page "$BASE/track/$NUMBER" GET "" "$CITIZEN"
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true

# --- the ceilings ---------------------------------------------------------------------------
# The bare server with a pool of 1, 2 and 4 connections: the best of them is the ceiling
# (more connections only wait for SQLite's one writer).
ceiling_once() { # name connections sync [group]
  local port; port="$(free_port)"
  CEILING_CONNECTIONS="$2" "$CEILING" "$port" "$WORK/$1-$2.db" "${@:3}" >"$WORK/$1-$2.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.05
  done
  measure "$1 ($2 connections)" "http://127.0.0.1:$port/api/appeals/submit" POST "$BODY" ""
  kill "$pid"; wait "$pid" 2>/dev/null || true
  local this best
  read -r this _ <<<"${RESULT[$1 ($2 connections)]}"
  read -r best _ <<<"${RESULT[$1]:-0}"
  [ "$this" -gt "$best" ] && RESULT[$1]="${RESULT[$1 ($2 connections)]}"
  return 0
}
for connections in 1 2 4; do
  ceiling_once ceiling_full "$connections" full
  ceiling_once ceiling_normal "$connections" normal
done
ceiling_once ceiling_group 1 full group

# --- the figures ----------------------------------------------------------------------------
echo
printf '%-62s %9s %9s %9s\n' "path ($CONNECTIONS connections, ${SECONDS_EACH}s, wrk)" "req/s" "p50 ms" "p99 ms"
row() { read -r rps p50 p99 <<<"${RESULT[$1]}"; printf '%-62s %9s %9s %9s\n' "$2" "$rps" "$p50" "$p99"; }
row project "project: citizen submits an appeal (SQLite, synchronous=FULL)"
row ceiling_full "ceiling: bare insert, synchronous=FULL (best pool)"
row ceiling_normal "ceiling: bare insert, synchronous=NORMAL (best pool)"
row ceiling_group "ceiling: bare insert, FULL, one writer, group commit"
row board "project: inspector's board (GET /api/board)"
row page "project: an appeal's page (GET /track/<number>)"
read -r project_rps _ project_p99 <<<"${RESULT[project]}"
read -r normal_rps _ _ <<<"${RESULT[ceiling_normal]}"
python3 - "$project_rps" "$normal_rps" "$project_p99" "$BUDGET_RATIO" "$BUDGET_P99_MS" <<'PY'
import sys
project, normal, p99, ratio_budget, p99_budget = map(float, sys.argv[1:])
ratio = project / normal
print(f"\nratio project / NORMAL ceiling: {ratio:.2f} (budget >= {ratio_budget}); "
      f"project p99 {p99:.1f} ms (budget < {p99_budget:.0f} ms)")
if ratio < ratio_budget or p99 >= p99_budget:
    sys.exit("over budget")
print("within budget")
PY
