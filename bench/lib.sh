# Shared by bench/run.sh and bench/scale.sh (sourced, not run). Paths are relative to the repository root.
# shellcheck shell=bash

# The service as deployed: published for the runtime, so its code is precompiled (ReadyToRun, see the csproj).
API_DLL=src/Indicators.Api/bin/Release/net10.0/linux-x64/publish/Indicators.Api.dll
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
  dotnet publish src/Indicators.Api -c Release -r linux-x64 --self-contained false -v q -nologo >/dev/null
  dotnet build bench/Baseline.Kestrel -c Release -v q -nologo >/dev/null
  dotnet build bench/Generator -c Release -v q -nologo >/dev/null
}

# One CPU for the servers under test, the other for the load generator: every server gets the same single core,
# the replica size deploy/ assumes (with one CPU, .NET sees ProcessorCount 1), and wrk's own work stays out of the
# server's figures. PIN=0 runs everything unpinned.
: "${SERVER_CPU:=0}" "${LOAD_CPU:=1}" "${PIN:=1}"
# The servers under test and wrk also run at a higher priority (NICE=-10; NICE=0 leaves it), so that other work on
# the machine takes less of their cores and the figures drift less; it needs root, and without it they run as they are.
: "${NICE:=-10}"
# Command prefixes (arrays, so that the server's pid is the one started: nice, taskset and env exec what they run).
ON_SERVER_CPU=() ON_LOAD_CPU=()
if [ "$PIN" = 1 ]; then ON_SERVER_CPU=(taskset -c "$SERVER_CPU") ON_LOAD_CPU=(taskset -c "$LOAD_CPU"); fi
if [ "$NICE" != 0 ] && nice -n "$NICE" true 2>/dev/null; then ON_SERVER_CPU=(nice -n "$NICE" "${ON_SERVER_CPU[@]}") ON_LOAD_CPU=(nice -n "$NICE" "${ON_LOAD_CPU[@]}"); fi

# A free TCP port on 127.0.0.1, below Linux's ephemeral range (32768-60999) so that no client socket of this
# machine is handed it meanwhile, found by binding it (a connect test misses a port that is bound but not yet
# listening). Another process may still take it before the server binds: serve() retries on EADDRINUSE.
free_port() {
  python3 -c '
import errno, random, socket
while True:
    port = random.randint(20000, 32767)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError as e:
        if e.errno != errno.EADDRINUSE:
            raise
        continue
    finally:
        s.close()
    print(port)
    break'
}

# Waits until URL answers 200 (up to 600 polls, POLL_SECONDS apart); gives up early when PID (optional) has exited.
wait_ok() {
  local url=$1 pid=${2:-} i
  for i in $(seq 1 600); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" = 200 ]; then return 0; fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep "${POLL_SECONDS:-0.1}"
  done
  log "timed out waiting for $url"
  return 1
}

# Starts a server on a free port and waits for READY_PATH to answer 200, retrying on another port when the bind
# failed with EADDRINUSE. Usage: serve NAME READY_PATH command...  ({port} in the arguments becomes the port).
# Sets PORT and PID; the log is $WORK/NAME-PORT.log.
serve() {
  local name=$1 ready=$2 attempt
  shift 2
  for attempt in 1 2 3 4 5; do
    PORT=$(free_port)
    "${@//\{port\}/$PORT}" >"$WORK/$name-$PORT.log" 2>&1 &
    PID=$!
    STARTED_PIDS+=("$PID")
    if wait_ok "http://127.0.0.1:$PORT$ready" "$PID"; then return 0; fi
    stop_pid "$PID"
    if grep -qiE 'address already in use|EADDRINUSE' "$WORK/$name-$PORT.log"; then
      log "$name: port $PORT was taken before it bound (attempt $attempt); another port"
      continue
    fi
    log "$name did not start: $(tail -5 "$WORK/$name-$PORT.log")"
    return 1
  done
  log "$name: no free port after 5 attempts"
  return 1
}

# Starts the service on DATABASE on the server CPU (unpinned with PIN=0); sets SERVICE_PID and SERVICE_PORT.
start_service() {
  local database=$1
  serve service /health/live "${ON_SERVER_CPU[@]}" env "ConnectionStrings__Indicators=Data Source=$database" Database__BuildOnStartup=false \
    dotnet "$API_DLL" --urls "http://127.0.0.1:{port}" --environment Benchmark
  SERVICE_PID=$PID SERVICE_PORT=$PORT
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

# Runs wrk (on the load CPU) against URL and prints its JSON line. STRICT=strict compares every status with the
# expected one (at a cost to wrk per response, see bench/wrk/report.lua).
# Arguments: url expect connections threads seconds [bust] [header]
run_wrk() {
  local url=$1 expect=$2 connections=$3 threads=$4 seconds=$5 bust=${6:-} header=${7:-}
  local args=(-c "$connections" -t "$threads" -d "${seconds}s" --latency -s bench/wrk/report.lua)
  if [ -n "$header" ]; then args+=(-H "$header"); fi
  "${ON_LOAD_CPU[@]}" wrk "${args[@]}" "$url" -- "$expect" "$bust" "${STRICT:-}" | grep '^{'
}

CLK_TCK=$(getconf CLK_TCK)
# User + system CPU time of a process and all its threads, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# run_wrk against the server PID, adding what it spent: server_cpu_us (its CPU time per request answered, every
# thread, from /proc), server_cpu_share (of one core over the run: near 1 when it was the bottleneck) and
# load_cpu_share (wrk's; near 1 would mean the load generator, not the server, set the pace).
# Arguments: pid, then run_wrk's.
measure() {
  local pid=$1 before after
  shift
  before=$(cpu_ticks "$pid")
  local TIMEFORMAT='%U %S'
  { time run_wrk "$@" >"$WORK/measure.json"; } 2>"$WORK/measure.time"
  after=$(cpu_ticks "$pid")
  jq -c --argjson ticks $((after - before)) --argjson hz "$CLK_TCK" --arg load "$(tail -1 "$WORK/measure.time")" '
    .seconds as $s
    | . + {server_cpu_us: (if .requests > 0 then ($ticks / $hz * 1e6 / .requests * 100 | round / 100) else null end),
         server_cpu_share: ($ticks / $hz / $s * 1000 | round / 1000),
         load_cpu_share: ($load | split(" ") | map(tonumber) | add / $s * 1000 | round / 1000)}' <"$WORK/measure.json"
}

# Warms a server up with SECONDS (at least 60) of load over the paths in PATHS_FILE (see bench/wrk/seconds.lua) and
# prints a JSON line: the requests answered in every whole second (per_second), and "steady": the first second after
# which every 1-second window stays within 10% of the median of seconds 30-60 (null if the run never settles so).
# The same over the server's own CPU time in each second (per_cpu_second: requests per second of its CPU, sampled
# from /proc at each second's start; steady_cpu): on a core shared with other work, the requests answered in a second
# also follow how much of the core the server got, which is no part of its warm-up.
# Arguments: pid base-url paths-file seconds
warm_up() {
  local pid=$1 base=$2 paths=$3 seconds=$4
  # Samples the server's CPU ticks at the start of every second while wrk runs.
  python3 -c '
import sys, time
pid, until = sys.argv[1], time.time() + float(sys.argv[2]) + 2
while time.time() < until:
    time.sleep(1 - time.time() % 1 + 0.001)
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        break
    print(int(time.time()), int(fields[11]) + int(fields[12]), flush=True)
' "$pid" "$seconds" >"$WORK/warm-cpu" &
  local sampler=$!
  "${ON_LOAD_CPU[@]}" wrk -c "$CONNECTIONS" -t "$THREADS" -d "${seconds}s" -s bench/wrk/seconds.lua "$base" -- "$paths" | grep '^{' >"$WORK/warm.json"
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  jq -c --rawfile cpu "$WORK/warm-cpu" --argjson hz "$CLK_TCK" '
    def median: sort | if length == 0 then null elif length % 2 == 1 then .[(length - 1) / 2] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    def steady($c): ($c[29:60] | median) as $m
      | if $m == null then null
        else [range(0; $c[:60] | length) | select(. as $t | $c[$t:60] | all(. >= 0.9 * $m and . <= 1.1 * $m))] | first | if . == null then null else . + 1 end
        end;
    ($cpu | split("\n") | map(select(length > 0) | split(" ") | map(tonumber)) | map({key: (.[0] | tostring), value: .[1]}) | from_entries) as $ticks
    | . as $w
    | [range(0; .per_second | length) | . as $i | ($w.first_second + 1 + $i) as $s
       | ($ticks[($s + 1) | tostring] // null) as $tickend | ($ticks[$s | tostring] // null) as $tickstart
       | if $tickend == null or $tickstart == null or $tickend == $tickstart then null else ($w.per_second[$i] / (($tickend - $tickstart) / $hz)) | round end] as $per_cpu
    | . + {steady: steady(.per_second), steady_median: (.per_second[29:60] | median),
           per_cpu_second: $per_cpu,
           steady_cpu: (if ($per_cpu | all(. != null)) then steady($per_cpu) else null end),
           steady_cpu_median: ($per_cpu[29:60] | map(select(. != null)) | median)}' <"$WORK/warm.json"
}

# Median of numbers on stdin.
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) { print "nan" } else if (NR % 2) { print a[(NR + 1) / 2] } else { print (a[NR / 2] + a[NR / 2 + 1]) / 2 } }'; }

# Peak and current resident set size of a process, in MB.
peak_rss_mb() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
# Where the resident memory is now: heap and native allocations, mapped binaries, the JIT's W^X double mapping.
rss_parts() { awk '/RssAnon|RssFile|RssShmem/ { sub(":", ""); printf "%s%s %.0f", sep, tolower(substr($1, 4)), $2 / 1024; sep = ", " }' "/proc/$1/status"; }
