#!/usr/bin/env bash
# `make run`: starts the release build on SQLite in ./data with demonstration appeals.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ADDR="${SMART_MAHALLA_ADDR:-127.0.0.1:3000}"
cat <<INFO

  Smart Mahalla  →  http://$ADDR
    citizen's form   http://$ADDR/
    tracking         http://$ADDR/track
    inspector board  http://$ADDR/inspector

  Demo logins: none yet — sign-in and roles are not built; every page is open.
  Data: ./data/smart-mahalla.db (SQLite). Stop with Ctrl-C.

INFO
exec "$BIN" serve --addr "$ADDR" --demo
