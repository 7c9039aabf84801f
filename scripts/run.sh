#!/usr/bin/env bash
# `make run`: starts the release build on SQLite in ./data with demonstration accounts and appeals.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ADDR="${SMART_MAHALLA_ADDR:-127.0.0.1:3000}"
cat <<INFO

  Smart Mahalla  →  http://$ADDR
    citizen's form   http://$ADDR/            (register, or sign in as a demo citizen)
    my appeals       http://$ADDR/my
    inspector board  http://$ADDR/inspector   (staff sign-in)
    monitoring       http://$ADDR/monitoring  (figures, charts, traffic lights, exports)
    staff, audit     http://$ADDR/admin/staff  http://$ADDR/admin/audit

  The demo logins are printed below when the server starts (demo data only).
  Data: ./data/smart-mahalla.db (SQLite). Stop with Ctrl-C.

INFO
exec "$BIN" serve --addr "$ADDR" --demo
