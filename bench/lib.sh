# Shared by bench/run.sh and bench/scale.sh (sourced, not run). Paths are relative to the repository root.
# shellcheck shell=bash

API_DLL=src/Indicators.Api/bin/Release/net10.0/Indicators.Api.dll
BASELINE_DLL=bench/Baseline.Kestrel/bin/Release/net10.0/Baseline.Kestrel.dll
GENERATOR_DLL=bench/Generator/bin/Release/net10.0/Generator.dll
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

STARTED_PIDS=()

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# Installs a Debian package when its command is missing (apt-get update once per run).
APT_UPDATED=0
ensure_command() {
  local command=$1 package=$2
  if ! command -v "$command" >/dev/null 2>&1; then
    if [ "$APT_UPDATED" = 0 ]; then apt-get update -qq; APT_UPDATED=1; fi
    apt-get install -y -qq "$package" >/dev/null
  fi
}

build_all() {
  log "building the service, the Kestrel baseline and the generator (Release)"
  dotnet build src/Indicators.Api -c Release -v q -nologo >/dev/null
  dotnet build bench/Baseline.Kestrel -c Release -v q -nologo >/dev/null
  dotnet build bench/Generator -c Release -v q -nologo >/dev/null
}

# A free TCP port on 127.0.0.1.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

# Waits until URL answers 200 (up to 60 s).
wait_ok() {
  local url=$1 i
  for i in $(seq 1 600); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" = 200 ]; then return 0; fi
    sleep 0.1
  done
  log "timed out waiting for $url"
  return 1
}

# Starts the built service on PORT with DATABASE (already imported); sets SERVICE_PID.
# The Benchmark environment lifts the per-client rate limiter (one load driver is one client) and nothing else.
start_service() {
  local port=$1 database=$2
  ConnectionStrings__Indicators="Data Source=$database" Database__BuildOnStartup=false \
    dotnet "$API_DLL" --urls "http://127.0.0.1:$port" --environment Benchmark >"$WORK/service-$port.log" 2>&1 &
  SERVICE_PID=$!
  STARTED_PIDS+=("$SERVICE_PID")
}

stop_pid() {
  local pid=$1
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}

cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do stop_pid "$pid"; done
  if [ -n "${WORK:-}" ] && [ -d "$WORK" ]; then rm -rf "$WORK"; fi
}

# The HTTP status of a GET (extra curl arguments allowed).
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@" || true; }

# Runs wrk against URL and prints its JSON line. Arguments: url expect connections threads seconds [bust] [header]
run_wrk() {
  local url=$1 expect=$2 connections=$3 threads=$4 seconds=$5 bust=${6:-} header=${7:-}
  local args=(-c "$connections" -t "$threads" -d "${seconds}s" --latency -s bench/wrk/report.lua)
  if [ -n "$header" ]; then args+=(-H "$header"); fi
  wrk "${args[@]}" "$url" -- "$expect" "$bust" | grep '^{'
}

# Median of numbers on stdin.
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) { print "nan" } else if (NR % 2) { print a[(NR + 1) / 2] } else { print (a[NR / 2] + a[NR / 2 + 1]) / 2 } }'; }

# Peak and current resident set size of a process, in MB.
peak_rss_mb() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
# Where the resident memory is now: heap and native allocations, mapped binaries, the JIT's W^X double mapping.
rss_parts() { awk '/RssAnon|RssFile|RssShmem/ { sub(":", ""); printf "%s%s %.0f", sep, tolower(substr($1, 4)), $2 / 1024; sep = ", " }' "/proc/$1/status"; }
