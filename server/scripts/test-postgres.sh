#!/usr/bin/env bash
# A throwaway PostgreSQL for the server tests and benchmarks, on loopback, in a data dir under
# /tmp. Prints one line to eval:
#   eval "$(bash server/scripts/test-postgres.sh start)"   # exports FM_TEST_PG_URL
#   bash server/scripts/test-postgres.sh stop
# Env: FM_PG_DIR (default /tmp/fm-test-pg), FM_PG_PORT (default 55432).
set -euo pipefail
action="${1:-start}"
dir="${FM_PG_DIR:-/tmp/fm-test-pg}"
port="${FM_PG_PORT:-55432}"
password="fm-test-password"

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do bindir="$candidate"; break; done
if [ -z "$bindir" ]; then
  echo "PostgreSQL server binaries not found: apt-get install -y postgresql" >&2
  exit 1
fi

# PostgreSQL refuses to run as root: run its tools as the postgres user when we are root.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
      pwfile="$(mktemp)"
      echo "$password" >"$pwfile"
      chmod 644 "$pwfile"
      as_pg "$bindir/initdb" -D "$dir" -U faultmaven --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 >"$dir.initdb.log" 2>&1 \
        || { cat "$dir.initdb.log" >&2; rm -f "$pwfile"; exit 1; }
      rm -f "$pwfile"
    fi
    if ! as_pg "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      # fsync off: a throwaway test cluster trades crash safety for speed.
      as_pg "$bindir/pg_ctl" -D "$dir" -l "$dir.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >&2 \
        || { cat "$dir.log" >&2; exit 1; }
    fi
    as_pg "$bindir/psql" -h /tmp -p "$port" -U faultmaven -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'faultmaven'" | grep -q 1 \
      || as_pg "$bindir/createdb" -h /tmp -p "$port" -U faultmaven faultmaven >&2
    echo "export FM_TEST_PG_URL=postgres://faultmaven:${password}@127.0.0.1:${port}/faultmaven"
    ;;
  stop)
    as_pg "$bindir/pg_ctl" -D "$dir" -m fast stop >&2 || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
