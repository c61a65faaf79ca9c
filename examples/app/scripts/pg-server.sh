#!/usr/bin/env bash
# A throwaway PostgreSQL server for the app's server-mode tests (Debian's `postgresql` package).
#   pg-server.sh start DIR   → initdb in DIR/data, listen on a unix socket in DIR only (no TCP),
#                              trust auth, database `nexfitra`; prints the DATABASE_URL
#   pg-server.sh stop DIR    → fast shutdown, then DIR is removed
# PostgreSQL refuses to run as root, so under root the server runs as the `postgres` user.
set -euo pipefail
cmd=${1:-}
dir=${2:-}
if [[ -z "$cmd" || -z "$dir" ]]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
  echo "pg-server: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2
  exit 3
fi
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
port=5432 # only names the socket file: the server listens on no TCP address
case "$cmd" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    chmod 755 "$dir"
    if [[ "$(id -u)" == 0 ]]; then chown postgres "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 4; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -c listen_addresses= -p $port -c max_connections=50" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 5; }
    as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -q -c 'CREATE DATABASE nexfitra' >/dev/null
    echo "postgresql://postgres@localhost/nexfitra?host=$dir&port=$port"
    ;;
  stop)
    if [[ -d "$dir/data" ]]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
