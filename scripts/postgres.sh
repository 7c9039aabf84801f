#!/usr/bin/env bash
# Makes sure a PostgreSQL server is reachable for the tests and prints its URL (stdout).
# Uses SM_TEST_POSTGRES_URL when set; otherwise installs Debian's postgresql when missing,
# starts its cluster, and creates a test role. Progress goes to stderr.
source "$(dirname "$0")/lib.sh"

ROLE=smart_mahalla_test
PASSWORD=smart_mahalla_test

if [ -n "${SM_TEST_POSTGRES_URL:-}" ]; then
  echo "$SM_TEST_POSTGRES_URL"
  exit 0
fi

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi
}

if ! command -v pg_lsclusters >/dev/null; then
  say "installing PostgreSQL from Debian's packages" >&2
  apt_install postgresql >&2
fi

cluster="$(pg_lsclusters --no-header | head -n 1)"
if [ -z "$cluster" ]; then
  version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  say "creating PostgreSQL cluster $version/main" >&2
  as_root pg_createcluster "$version" main >&2
  cluster="$(pg_lsclusters --no-header | head -n 1)"
fi
read -r version name port status _ <<<"$cluster"
if [ "$status" != "online" ]; then
  say "starting PostgreSQL $version/$name on port $port" >&2
  as_root pg_ctlcluster "$version" "$name" start >&2
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$port" || die "PostgreSQL did not start on port $port (see /var/log/postgresql/)"

as_postgres "psql -q -p $port -v ON_ERROR_STOP=1 -c \"DO \\\$\\\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END \\\$\\\$;\"" >&2

url="postgres://$ROLE:$PASSWORD@127.0.0.1:$port/postgres"
# Databases left behind by an interrupted earlier run.
for db in $(psql "$url" -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'sm\_test\_%'"); do
  psql "$url" -qc "DROP DATABASE IF EXISTS $db" >&2 || true
done
echo "$url"
