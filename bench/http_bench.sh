#!/usr/bin/env bash
# Load benchmark of `brevgen serve` on loopback with wrk: one case POSTed over and over.
# Prints wrk's summary and one JSON line: letters per second, latency percentiles, and the
# server's CPU time per letter (user + system, from /proc) to tell HTTP cost from rendering.
#
#   bench/http_bench.sh [BREVGEN] [KIND] [CASE] [SECONDS] [CONNECTIONS]
#   defaults: build/brevgen indkaldelse examples/indkaldelse-arbejdsgiver.json 10 2
#   environment: SERVE_THREADS (default: the server's own, one per core), WRK_THREADS (default 1)
#
# Only loopback traffic; the run is bounded by SECONDS (+2 s warm-up) and the server is
# stopped with SIGTERM at the end (its exit code is checked: a clean drain exits 0).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${1:-build/brevgen}
KIND=${2:-indkaldelse}
CASE=${3:-examples/indkaldelse-arbejdsgiver.json}
SECONDS_RUN=${4:-10}
CONNECTIONS=${5:-2}
SERVE_THREADS=${SERVE_THREADS:-}
WRK_THREADS=${WRK_THREADS:-1}

command -v wrk >/dev/null || { echo "wrk is not installed (scripts/install-deps.sh installs it)" >&2; exit 2; }
case "$CASE" in
  *.xml) TYPE=application/xml ;;
  *) TYPE=application/json ;;
esac

log=$(mktemp)
"$BIN" serve --listen 127.0.0.1:0 ${SERVE_THREADS:+--threads "$SERVE_THREADS"} 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT

port=""
for _ in $(seq 100); do  # at most 10 s
  port=$(grep -o '"address":"127.0.0.1:[0-9]*' "$log" | head -1 | sed 's/.*://') || true
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "brevgen serve did not start:" >&2; cat "$log" >&2; exit 1; }
url="http://127.0.0.1:$port/v1/letters/$KIND"
threads=$(grep -o '"threads":[0-9]*' "$log" | head -1 | cut -d: -f2)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

export CASE_FILE="$CASE" CASE_TYPE="$TYPE"
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d2s -s bench/http_post.lua "$url" >/dev/null  # warm-up
before=$(cpu_ticks)
result=$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --timeout 5s --latency -s bench/http_post.lua "$url")
after=$(cpu_ticks)
echo "$result" >&2
json=$(echo "$result" | grep '^{')
requests=$(echo "$json" | sed 's/.*"requests": \([0-9]*\).*/\1/')
ticks_per_s=$(getconf CLK_TCK)
cpu_ms=$(awk -v t=$((after - before)) -v hz="$ticks_per_s" -v n="$requests" 'BEGIN { printf "%.3f", n ? t * 1000 / hz / n : 0 }')

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
trap 'rm -f "$log"' EXIT
[ "$status" -eq 0 ] || { echo "brevgen serve exited $status after SIGTERM" >&2; exit 1; }

echo "${json%\}}, \"server_cpu_ms_per_letter\": $cpu_ms, \"kind\": \"$KIND\", \"case\": \"$CASE\", \"connections\": $CONNECTIONS, \"serve_threads\": $threads, \"cores\": $(nproc), \"load_before\": \"$(cut -d' ' -f1 /proc/loadavg)\"}"
