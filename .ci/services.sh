#!/usr/bin/env bash
# Real services for the server tests. `start` (as root): installs Debian postgresql if missing, starts it, creates
# a role allowed to create databases (each test suite makes and drops its own) and prints the URL to export as
# SKYLANE_TEST_PG_URL. `stop`: stops it.
set -euo pipefail
PG_USER=skylane
PG_PASSWORD=skylane
PG_PORT=5432

case "${1:-}" in
  start)
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    fi
    service postgresql start >&2
    for _ in $(seq 1 30); do
      su postgres -c "pg_isready -q -h 127.0.0.1 -p $PG_PORT" && break
      sleep 1
    done
    su postgres -c "psql -v ON_ERROR_STOP=1 -q -p $PG_PORT" >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  ELSE
    ALTER ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
SQL
    echo "postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/postgres"
    ;;
  stop)
    service postgresql stop >&2 || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
