#!/usr/bin/env bash
# Start or stop the local PostgreSQL that `make test` runs the suite on.
# Usage: scripts/postgres.sh start|stop|status|url
# The port is TEST_PG_PORT (default 5433), so parallel checkouts each run their own server. The
# cluster (data, log, socket) lives in .data/pg-<port>/; it is created on first start with
# `trust` authentication on 127.0.0.1 only (a throwaway test server, never production) and runs
# without fsync (tests do not need durability across a machine crash). Debian's `postgresql` is
# installed when missing. PostgreSQL refuses to run as root: as root, initdb and pg_ctl run as
# the `postgres` user (runuser). `start` prints "PostgreSQL started" only when it started the
# server, so the caller knows it owns it and must stop it (like scripts/redis.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

port="${TEST_PG_PORT:-5433}"
data_dir="$PWD/.data/pg-$port"
cluster="$data_dir/cluster"
log="$data_dir/postgres.log"
pidfile="$cluster/postmaster.pid"

answers() {
    # Plain bash: a TCP connection is accepted (pg_isready may not be installed yet).
    { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
    exec 3>&- 3<&-
}

our_server_running() {
    [[ -f "$pidfile" ]] && kill -0 "$(head -n 1 "$pidfile")" 2>/dev/null
}

bin_dir() {
    local found
    found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [[ -n "$found" && -x "$found/pg_ctl" ]] || return 1
    echo "$found"
}

as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    if our_server_running; then
        echo "==> PostgreSQL already running on port $port (pid $(head -n 1 "$pidfile"))"
        return 0
    fi
    if answers; then
        echo "==> a PostgreSQL not started by Onsite already answers on port $port: using it"
        return 0
    fi
    local bin
    if ! bin="$(bin_dir)"; then
        # pg_ctlcluster (postgresql-common) is on PATH once the server package is installed.
        scripts/apt-ensure.sh pg_ctlcluster=postgresql >&2 || true
        bin="$(bin_dir)" || {
            echo "error: PostgreSQL is needed and Debian's postgresql could not be installed." >&2
            echo "       Install PostgreSQL 13 or newer yourself and re-run." >&2
            return 1
        }
    fi
    mkdir -p "$data_dir"
    if [[ $(id -u) -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || { echo "error: no 'postgres' user to run the server as" >&2; return 1; }
        chown postgres: "$data_dir"
    fi
    if [[ ! -f "$cluster/PG_VERSION" ]]; then
        rm -rf "$cluster"
        as_postgres "$bin/initdb" -D "$cluster" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
            >"$data_dir/initdb.log" 2>&1 || {
            echo "error: initdb failed; see ${data_dir#"$PWD"/}/initdb.log:" >&2
            tail -n 20 "$data_dir/initdb.log" >&2
            return 1
        }
    fi
    # The socket goes into the data folder: /var/run/postgresql may not exist or be another server's.
    if ! as_postgres "$bin/pg_ctl" -D "$cluster" -l "$log" -w -t 60 start \
        -o "-p $port -h 127.0.0.1 -k $data_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        >/dev/null; then
        echo "error: PostgreSQL did not start on port $port; see ${log#"$PWD"/}:" >&2
        tail -n 20 "$log" >&2 || true
        return 1
    fi
    echo "==> PostgreSQL started on port $port (pid $(head -n 1 "$pidfile"), data in ${data_dir#"$PWD"/})"
}

stop() {
    if ! our_server_running; then
        return 0
    fi
    local bin
    bin="$(bin_dir)"
    as_postgres "$bin/pg_ctl" -D "$cluster" -m fast -w -t 30 stop >/dev/null \
        && echo "==> PostgreSQL on port $port stopped" \
        || echo "warning: PostgreSQL on port $port did not stop cleanly; see ${log#"$PWD"/}" >&2
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) if our_server_running || answers; then echo "running on port $port"; else echo "not running"; exit 1; fi ;;
    url) echo "postgres://postgres@127.0.0.1:$port/onsite" ;;
    *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
