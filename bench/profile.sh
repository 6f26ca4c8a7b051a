#!/usr/bin/env bash
# Where a request's time goes: runs the built service under wrk load and samples it with dotnet-trace
# (installed into a temporary tool path), then prints the hottest functions.
# Usage: bash bench/profile.sh [path] [--bust]   e.g.  bash bench/profile.sh '/v1/observations?indicator=gdp' --bust
#   --bust adds a unique cb= to every request, so the output cache misses and the query path is profiled.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

PATH_AND_QUERY=${1:-/v1/observations/china-gdp-2023-cny}
BUST=""
if [ "${2:-}" = --bust ]; then BUST=bust; fi
WORK=$(mktemp -d)
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_command wrk wrk
build_all
dotnet tool install dotnet-trace --tool-path "$WORK/tools" >/dev/null
dotnet "$API_DLL" import data --database "$WORK/indicators.db" >/dev/null
start_service "$WORK/indicators.db"
port=$SERVICE_PORT
wait_ok "http://127.0.0.1:$port/v1/observations/china-gdp-2023-cny"

run_wrk "http://127.0.0.1:$port$PATH_AND_QUERY" 200 64 2 16 "$BUST" >"$WORK/load.json" &
load=$!
STARTED_PIDS+=("$load")
sleep 4
"$WORK/tools/dotnet-trace" collect -p "$SERVICE_PID" --duration 00:00:00:08 -o "$WORK/service.nettrace" >/dev/null
wait "$load"
log "load while sampled: $(cat "$WORK/load.json")"
# Idle and wait frames (thread pool parking, the trace's own start-up) are left out: they are not request work.
"$WORK/tools/dotnet-trace" report "$WORK/service.nettrace" topN -n 120 --inclusive \
  | grep -Ev 'Wait|Semaphore|EventSource|EventPipe|EventProvider|CustomAttribute|TypeName|Watcher|Heartbeat|TimerQueue|GateThread|Non-Activities|Threads|Program.<Main>|HostExtensions.Run|StartCallback|SpinWaiter|PollGC' \
  | head -50
