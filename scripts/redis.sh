#!/usr/bin/env bash
# Start or stop the local Redis that Onsite uses as Celery broker and Channels layer.
# Usage: scripts/redis.sh start|stop|status
# The port comes from REDIS_URL (default redis://127.0.0.1:6379/0). The server runs daemonized
# with its pidfile, log and data under .data/redis-<port>/, and `maxmemory-policy noeviction`
# (Celery must never lose a queued task to eviction). redis-server is installed from Debian's
# packages when it is missing. A REDIS_URL on another host is left alone (only checked).
set -euo pipefail
cd "$(dirname "$0")/.."

url="${REDIS_URL:-redis://127.0.0.1:6379/0}"
scheme="${url%%://*}"
rest="${url#*://}"
rest="${rest##*@}"      # drop user:password@
hostport="${rest%%/*}"  # drop /db
host="${hostport%:*}"
port="6379"
[[ "$hostport" == *:* ]] && port="${hostport##*:}"

data_dir="$PWD/.data/redis-$port"
pidfile="$data_dir/redis.pid"

answers_ping() {
    # Plain bash so that it works before redis-tools is installed.
    local reply=""
    { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
    printf 'PING\r\n' >&3
    read -r -t 2 reply <&3 || true
    exec 3>&- 3<&-
    [[ "$reply" == "+PONG"* || "$reply" == "-NOAUTH"* ]]
}

our_server_running() {
    [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

start() {
    if [[ "$scheme" != "redis" || ! "$host" =~ ^(127\.0\.0\.1|localhost|\[::1\])$ ]]; then
        echo "==> REDIS_URL points to $scheme://$host:$port: using that server, not starting one"
        return 0
    fi
    if our_server_running; then
        echo "==> Redis already running on port $port (pid $(cat "$pidfile"))"
        return 0
    fi
    if answers_ping; then
        echo "==> a Redis not started by Onsite already answers on port $port: using it"
        command -v redis-cli >/dev/null && redis-cli -p "$port" CONFIG SET maxmemory-policy noeviction >/dev/null || true
        return 0
    fi
    if ! scripts/apt-ensure.sh redis-server=redis-server; then
        echo "error: Redis is needed and redis-server could not be installed." >&2
        echo "       Install Redis 6 or newer yourself, or set REDIS_URL to a running Redis." >&2
        return 1
    fi
    mkdir -p "$data_dir"
    redis-server --port "$port" --bind 127.0.0.1 \
        --daemonize yes --pidfile "$pidfile" --logfile "$data_dir/redis.log" --dir "$data_dir" \
        --maxmemory-policy noeviction
    for _ in $(seq 50); do
        if answers_ping; then
            echo "==> Redis started on port $port (pid $(cat "$pidfile"), data in ${data_dir#"$PWD"/})"
            return 0
        fi
        sleep 0.1
    done
    echo "error: redis-server did not answer on port $port; see $data_dir/redis.log:" >&2
    tail -n 20 "$data_dir/redis.log" >&2 || true
    return 1
}

stop() {
    if ! our_server_running; then
        rm -f "$pidfile"
        return 0
    fi
    local pid
    pid="$(cat "$pidfile")"
    kill "$pid"
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || { echo "==> Redis on port $port stopped"; rm -f "$pidfile"; return 0; }
        sleep 0.1
    done
    echo "warning: Redis (pid $pid) did not stop within 5 s" >&2
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) if our_server_running || answers_ping; then echo "running on port $port"; else echo "not running"; exit 1; fi ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
