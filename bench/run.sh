#!/usr/bin/env bash
# The benchmark suite: load scenarios against two baselines, start-up and memory, then scale (bench/scale.sh).
# Usage (from anywhere):  bash bench/run.sh [--quick] [--no-scale]
#   --quick     2 short rounds and scale up to 100k only: a smoke test of the suite, figures not recorded
#   --no-scale  skip the synthetic 1k/100k/1M datasets
# Settings (environment): ROUNDS=7 DURATION=6 WARMUP=5 CONNECTIONS=64 THREADS=2 SCALE_SIZES="1000 100000 1000000"
#   SCENARIOS="by-id list-filtered" runs only those load scenarios (names from bench/scenarios.tsv), e.g. to
#   compare a change quickly; such a run never rewrites bench/README.md.
# Exits non-zero when any request fails or answers an unexpected status. Results: bench/results/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

QUICK=0 SCALE=1
for arg in "$@"; do
  case $arg in
    --quick) QUICK=1 ;;
    --no-scale) SCALE=0 ;;
    *) echo "usage: bash bench/run.sh [--quick] [--no-scale]" >&2; exit 2 ;;
  esac
done
if [ "$QUICK" = 1 ]; then
  : "${ROUNDS:=2}" "${DURATION:=3}" "${WARMUP:=1}" "${SCALE_SIZES:=1000 100000}" "${LOAD_SECONDS:=6}"
fi
: "${ROUNDS:=7}" "${DURATION:=6}" "${WARMUP:=5}" "${CONNECTIONS:=64}" "${THREADS:=2}" "${LOAD_SECONDS:=30}"
: "${SCALE_SIZES:=1000 100000 1000000}"
export ROUNDS DURATION WARMUP CONNECTIONS THREADS SCALE_SIZES

WORK=$(mktemp -d)
trap cleanup EXIT
trap 'exit 130' INT TERM
STAMP=$(date -u +%Y-%m-%dT%H%M%SZ)
mkdir -p bench/results
RESULTS=bench/results/$STAMP
RAW=$RESULTS.jsonl
REPORT=$RESULTS.md
: >"$RAW"

ensure_command wrk wrk
ensure_command jq jq
build_all
if [ ! -x bench/json-server/node_modules/.bin/json-server ]; then
  log "installing json-server (pinned in bench/json-server/package.json)"
  (cd bench/json-server && npm install --no-audit --no-fund --silent >/dev/null)
fi

# --- the processes under test -------------------------------------------------------------------
log "importing data/ through the import CLI"
dotnet "$API_DLL" import data --database "$WORK/indicators.db" >/dev/null
SERVICE_PORT=$(free_port)
start_service "$SERVICE_PORT" "$WORK/indicators.db"
SERVICE="http://127.0.0.1:$SERVICE_PORT"
wait_ok "$SERVICE/v1/observations/china-gdp-2023-cny"

# Baseline 1 answers the bytes of one observation, so both write the same body size.
curl -sf "$SERVICE/v1/observations/china-gdp-2023-cny" >"$WORK/observation.json"
BASELINE_PORT=$(free_port)
BASELINE_BODY_FILE="$WORK/observation.json" dotnet "$BASELINE_DLL" --urls "http://127.0.0.1:$BASELINE_PORT" >"$WORK/baseline.log" 2>&1 &
STARTED_PIDS+=("$!")
BASELINE="http://127.0.0.1:$BASELINE_PORT"
wait_ok "$BASELINE/observation"

# Baseline 2 serves the same observations, exported from the running service by following links.next.
log "exporting the observations for json-server"
next="$SERVICE/v1/observations?pageSize=1000"
echo '[]' >"$WORK/items.json"
while [ -n "$next" ] && [ "$next" != null ]; do
  curl -sf "$next" >"$WORK/page.json"
  jq -s '.[0] + .[1].items' "$WORK/items.json" "$WORK/page.json" >"$WORK/items.next" && mv "$WORK/items.next" "$WORK/items.json"
  next=$(jq -r '.links.next' "$WORK/page.json")
done
jq '{observations: .}' "$WORK/items.json" >"$WORK/db.json"
JSON_SERVER_PORT=$(free_port)
bench/json-server/node_modules/.bin/json-server --quiet --host 127.0.0.1 --port "$JSON_SERVER_PORT" "$WORK/db.json" >"$WORK/json-server.log" 2>&1 &
STARTED_PIDS+=("$!")
JSON_SERVER="http://127.0.0.1:$JSON_SERVER_PORT"
wait_ok "$JSON_SERVER/observations/china-gdp-2023-cny"

# --- which scenarios this build can run ---------------------------------------------------------
declare -a NAMES=() URLS=() EXPECTS=() HEADERS=() MINS=() PEERS=()
declare -A SKIPPED=()
while IFS=$'\t' read -r name target path expect needs min peer; do
  if [ -n "${SCENARIOS:-}" ] && [[ " $SCENARIOS " != *" $name "* ]]; then continue; fi
  case $target in service) base=$SERVICE ;; baseline) base=$BASELINE ;; json-server) base=$JSON_SERVER ;; *) continue ;; esac
  url="$base$path" header=""
  status=$(status_of "$url")
  if [ "$status" = 404 ]; then SKIPPED[$name]="endpoint not available (404) on this build"; continue; fi
  if [ "$needs" = etag ]; then
    etag=$(curl -s -D - -o /dev/null "$url" | awk 'tolower($1) == "etag:" { sub(/\r$/, ""); $1 = ""; sub(/^ /, ""); print }')
    if [ -z "$etag" ]; then SKIPPED[$name]="no ETag on $path (conditional GET not available on this build)"; continue; fi
    header="If-None-Match: $etag"
    status=$(status_of -H "$header" "$url")
  fi
  if [ "$status" != "$expect" ]; then SKIPPED[$name]="answers $status, expected $expect"; continue; fi
  NAMES+=("$name") URLS+=("$url") EXPECTS+=("$expect") HEADERS+=("$header") MINS+=("$min") PEERS+=("$peer")
done < <(grep -v '^#' bench/scenarios.tsv)
for name in "${!SKIPPED[@]}"; do log "skipping $name: ${SKIPPED[$name]}"; done

# --- load: warm-up, then alternating rounds -----------------------------------------------------
log "warm-up: ${WARMUP}s per scenario"
for i in "${!NAMES[@]}"; do run_wrk "${URLS[$i]}" "${EXPECTS[$i]}" "$CONNECTIONS" "$THREADS" "$WARMUP" "" "${HEADERS[$i]}" >/dev/null; done
# Each scenario runs right after a run of the baseline (A B A C A D ...), and its ratio is to that run:
# on a machine shared with other work, throughput drifts within seconds, so the pair must be adjacent.
FAILED=0
check() {
  if [ "$(jq '.socket_errors + .unexpected_status' <<<"$2")" != 0 ]; then log "FAIL $1 round $round: $2"; FAILED=1; fi
}
for round in $(seq 1 "$ROUNDS"); do
  log "round $round/$ROUNDS: ${#NAMES[@]} scenarios x ${DURATION}s at $CONNECTIONS connections, each after the baseline"
  for i in "${!NAMES[@]}"; do
    if [ "${NAMES[$i]}" = baseline ]; then continue; fi
    base_line=$(run_wrk "$BASELINE/observation" 200 "$CONNECTIONS" "$THREADS" "$DURATION")
    check baseline "$base_line"
    jq -c --arg p "${NAMES[$i]}" --argjson r "$round" '{kind: "load", scenario: "baseline", before: $p, round: $r} + .' <<<"$base_line" >>"$RAW"
    line=$(run_wrk "${URLS[$i]}" "${EXPECTS[$i]}" "$CONNECTIONS" "$THREADS" "$DURATION" "" "${HEADERS[$i]}")
    check "${NAMES[$i]}" "$line"
    jq -c --arg s "${NAMES[$i]}" --argjson r "$round" --argjson b "$(jq .rps <<<"$base_line")" \
      '{kind: "load", scenario: $s, round: $r, baseline_rps: $b} + .' <<<"$line" >>"$RAW"
  done
done

# --- start-up and memory ------------------------------------------------------------------------
stop_pid "$SERVICE_PID"
log "start-up: process start to first 200, 5 times"
for i in 1 2 3 4 5; do
  port=$(free_port)
  t0=$(date +%s%N)
  start_service "$port" "$WORK/indicators.db"
  until [ "$(status_of "http://127.0.0.1:$port/v1/observations/china-gdp-2023-cny")" = 200 ]; do sleep 0.01; done
  t1=$(date +%s%N)
  jq -nc --argjson r "$i" --argjson ms "$(( (t1 - t0) / 1000000 ))" '{kind: "startup", round: $r, ms: $ms}' >>"$RAW"
  stop_pid "$SERVICE_PID"
done
log "memory: ${LOAD_SECONDS}s of load (by id, then the filtered list), then peak RSS"
port=$(free_port)
start_service "$port" "$WORK/indicators.db"
wait_ok "http://127.0.0.1:$port/v1/observations/china-gdp-2023-cny"
idle=$(rss_mb "$SERVICE_PID")
half=$(( LOAD_SECONDS / 2 ))
run_wrk "http://127.0.0.1:$port/v1/observations/china-gdp-2023-cny" 200 "$CONNECTIONS" "$THREADS" "$half" >/dev/null
run_wrk "http://127.0.0.1:$port/v1/observations?indicator=gdp&entity=china&from=2020&to=2024" 200 "$CONNECTIONS" "$THREADS" "$half" >/dev/null
jq -nc --argjson idle "$idle" --argjson peak "$(peak_rss_mb "$SERVICE_PID")" --argjson now "$(rss_mb "$SERVICE_PID")" \
  '{kind: "memory", idle_rss_mb: $idle, peak_rss_mb: $peak, rss_after_mb: $now}' >>"$RAW"
stop_pid "$SERVICE_PID"

# --- scale --------------------------------------------------------------------------------------
if [ "$SCALE" = 1 ]; then
  WORK=$WORK RAW=$RAW bash bench/scale.sh || FAILED=1
fi

# --- report -------------------------------------------------------------------------------------
skipped_json=$(for name in "${!SKIPPED[@]}"; do jq -nc --arg n "$name" --arg w "${SKIPPED[$name]}" '{scenario: $n, why: $w}'; done | jq -s .)
targets_json=$(for i in "${!NAMES[@]}"; do jq -nc --arg n "${NAMES[$i]}" --arg m "${MINS[$i]}" --arg p "${PEERS[$i]}" '{scenario: $n, min: $m, peer: $p}'; done | jq -s .)
{
  echo "## Figures of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), shared with the load driver and other work;"
  echo "$(free -g | awk '/Mem:/ { print $2 }') GB RAM; .NET $(dotnet --version), wrk $(wrk -v 2>&1 | head -1 | awk '{ print $2 }'), node $(node --version)."
  echo "Settings: $ROUNDS rounds x ${DURATION}s per scenario after ${WARMUP}s warm-up, $CONNECTIONS connections, $THREADS wrk threads."
  echo "Command: \`bash bench/run.sh${*:+ $*}\`"
  echo
  jq -r -s --argjson skipped "$skipped_json" --argjson targets "$targets_json" -f bench/report.jq "$RAW"
} >"$REPORT"
cat "$REPORT"
if [ "$QUICK" = 0 ] && [ "$SCALE" = 1 ] && [ -z "${SCENARIOS:-}" ]; then
  # The README keeps the latest full run between its markers.
  awk -v report="$REPORT" '
    /<!-- results:start -->/ { print; while ((getline line < report) > 0) print line; skip = 1; next }
    /<!-- results:end -->/ { skip = 0 }
    !skip { print }' bench/README.md >"$WORK/README.md" && cp "$WORK/README.md" bench/README.md
  log "bench/README.md updated"
fi
log "results: $REPORT and $RAW"
if [ "$FAILED" != 0 ]; then log "FAILED: some requests failed or answered an unexpected status"; exit 1; fi
