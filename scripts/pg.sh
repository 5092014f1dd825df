#!/usr/bin/env bash
# pg.sh start|stop [DIR] — a throw-away PostgreSQL cluster for tests and benchmarks.
#   start: initdb into DIR (default: a new temp folder), listen on 127.0.0.1 on a free port,
#          create database "yici", print its URL (postgresql://yici@127.0.0.1:PORT/yici).
#   stop:  stop the cluster in DIR and remove DIR.
# PostgreSQL refuses to run as root, so the cluster runs as the "postgres" system user that the
# Debian package creates. Needs the Debian postgresql package (scripts/deps.sh installs it).
set -euo pipefail
cmd=${1:-}
dir=${2:-}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bindir" ] || { echo "pg.sh: PostgreSQL is not installed (run scripts/deps.sh)" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
  # DIR is the handle the caller keeps; the cluster itself lives in a folder of its own under
  # /tmp that the postgres user can reach whatever DIR's parents allow.
  [ -n "$dir" ] || dir=$(mktemp -d /tmp/yici-pg.XXXXXX)
  mkdir -p "$dir"
  home=$(mktemp -d /tmp/yici-pgdata.XXXXXX)
  echo "$home" >"$dir/home"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$home"
  chmod 700 "$home"
  dir_handle=$dir
  dir=$home
  port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
  as_pg "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = 256MB
fsync = on
synchronous_commit = on
log_min_messages = warning
CONF
  echo "$port" >"$dir/port"
  echo "$port" >"$dir_handle/port"
  as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 start >/dev/null ||
    { cat "$dir/postgres.log" >&2; exit 1; }
  as_pg "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE ROLE yici LOGIN CREATEDB" \
    -c "CREATE DATABASE yici OWNER yici" >/dev/null
  echo "postgresql://yici@127.0.0.1:$port/yici"
  ;;
stop)
  [ -n "$dir" ] || { echo "usage: pg.sh stop DIR" >&2; exit 2; }
  home=$(cat "$dir/home" 2>/dev/null || true)
  if [ -n "$home" ] && [ -d "$home/data" ]; then
    as_pg "$bindir/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  [ -n "$home" ] && rm -rf "$home"
  rm -rf "$dir"
  ;;
restart)
  [ -n "$dir" ] || { echo "usage: pg.sh restart DIR" >&2; exit 2; }
  home=$(cat "$dir/home")
  as_pg "$bindir/pg_ctl" -D "$home/data" -l "$home/postgres.log" -m fast -w restart >/dev/null
  ;;
url)
  echo "postgresql://yici@127.0.0.1:$(cat "$dir/port")/yici"
  ;;
*)
  echo "usage: pg.sh start [DIR] | stop DIR | restart DIR | url DIR" >&2
  exit 2
  ;;
esac
