#!/usr/bin/env bash
# The benchmark suite. Every server under test (the service, the ceilings, json-server) runs on one CPU and wrk on
# the other (taskset): one core is the replica deploy/ sizes for, and the load generator's work stays out of the
# server's figures. Each server is warmed up to its steady state first (the time it took is reported), then every
# scenario runs in alternating rounds right beside the ceiling answering the same bytes.
# Usage (from anywhere):  bash bench/run.sh [--quick] [--no-scale] [--no-stages]
#   --quick      short rounds and warm-ups, scale up to 100k: a smoke test of the suite, figures not recorded
#   --no-scale   skip the synthetic 1k/100k/1M datasets and the 20-release million (so q= is not measured)
#   --no-stages  skip the per-stage account (bench/stages.sh)
# Settings (environment): ROUNDS=5 DURATION=5 WARMUP=60 CONNECTIONS=64 THREADS=2 STARTUPS=7 LOAD_SECONDS=30
#   LOAD_SIZE=1000 LOAD_RELEASES=20 (the database the load runs on), SCALE_SIZES="1000 100000 1000000",
#   SERVER_CPU=0 LOAD_CPU=1 (PIN=0 runs unpinned), SCENARIOS="by-id list-filtered" runs only those (names from
#   bench/scenarios.tsv); such a run, like --quick, never rewrites bench/README.md.
# Exits 0 when the run is valid: every scenario measured, no request failed, no unexpected status. It prints "met"
# or "missed" for every target either way. Results: bench/results/<time>.md and .jsonl (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

QUICK=0 SCALE=1 STAGES=1
for arg in "$@"; do
  case $arg in
    --quick) QUICK=1 ;;
    --no-scale) SCALE=0 ;;
    --no-stages) STAGES=0 ;;
    *) echo "usage: bash bench/run.sh [--quick] [--no-scale] [--no-stages]" >&2; exit 2 ;;
  esac
done
if [ "$QUICK" = 1 ]; then
  : "${ROUNDS:=2}" "${DURATION:=3}" "${WARMUP:=30}" "${STARTUPS:=3}" "${SCALE_SIZES:=1000 100000}" "${LOAD_SECONDS:=6}"
  : "${VINTAGE_SIZE:=100000}" "${STAGE_ROUNDS:=2}" "${STAGE_WARMUP:=20}" "${STAGE_DURATION:=2}"
  export VINTAGE_SIZE STAGE_ROUNDS STAGE_WARMUP STAGE_DURATION
fi
: "${ROUNDS:=5}" "${DURATION:=5}" "${WARMUP:=60}" "${CONNECTIONS:=64}" "${THREADS:=2}" "${STARTUPS:=7}" "${LOAD_SECONDS:=30}"
: "${LOAD_SIZE:=1000}" "${LOAD_RELEASES:=20}" "${SCALE_SIZES:=1000 100000 1000000}"
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
FAILED=0
fail() { log "FAIL: $*"; FAILED=1; }
check() { # name json-line
  if [ "$(jq '.socket_errors + .unexpected_status' <<<"$2")" != 0 ]; then fail "$1: $2"; fi
}

ensure_command wrk wrk
ensure_command jq jq
ensure_command taskset util-linux
build_all
if [ ! -x bench/json-server/node_modules/.bin/json-server ]; then
  log "installing json-server (pinned in bench/json-server/package.json)"
  (cd bench/json-server && npm install --no-audit --no-fund --silent >/dev/null)
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the database: LOAD_RELEASES published releases of LOAD_SIZE figures -----------------------------------------
log "generating $LOAD_RELEASES releases of $LOAD_SIZE figures and importing them through the import CLI"
dotnet "$GENERATOR_DLL" "$LOAD_SIZE" "$WORK/load-data" --releases "$LOAD_RELEASES" >/dev/null
DATABASE=$WORK/load.db
dotnet "$API_DLL" import "$WORK/load-data" --database "$DATABASE" >/dev/null
OLDEST=$(sed -n 2p "$WORK/load-data/releases/releases.csv" | cut -d, -f2)
# A figure every release holds: one of the current release that the oldest one answers too (checked below).
FIGURE_IDS=$(awk -F, 'NR > 1 && NR <= 51 { print $1 }' "$WORK/load-data/observations.csv")

# --- the scenarios ----------------------------------------------------------------------------------------------
declare -a NAMES=() PATHS=() EXPECTS=() NEEDS=() TARGETS=() PEERS=() SERVERS=()
selected() { # name peer-of-a-selected-scenario?: with SCENARIOS, the scenarios named and their json-server peers
  [ -z "${SCENARIOS:-}" ] || [[ " $SCENARIOS " == *" $1 "* ]] \
    || grep -v '^#' bench/scenarios.tsv | awk -F'\t' -v s=" $SCENARIOS " -v n="$1" 'index(s, " " $1 " ") && $7 == n { found = 1 } END { exit !found }'
}
while IFS=$'\t' read -r name server path expect needs target peer; do
  if ! selected "$name"; then continue; fi
  NAMES+=("$name") SERVERS+=("$server") PATHS+=("$path") EXPECTS+=("$expect") NEEDS+=("$needs") TARGETS+=("$target") PEERS+=("$peer")
done < <(grep -v '^#' bench/scenarios.tsv)
index_of() { local i; for i in "${!NAMES[@]}"; do if [ "${NAMES[$i]}" = "$1" ]; then echo "$i"; return; fi; done; }

# --- the service: start-up, then start to steady under load on one core ------------------------------------------
# Its first request is a data request, timed from the process start; the load begins the moment it answers.
log "service: start, then ${WARMUP}s of load over every scenario from its first answer (start to steady)"
t0=$(date +%s%N)
POLL_SECONDS=0.01 serve service /v1/observations?pageSize=1 "${ON_SERVER_CPU[@]}" env "ConnectionStrings__Indicators=Data Source=$DATABASE" \
  Database__BuildOnStartup=false dotnet "$API_DLL" --urls "http://127.0.0.1:{port}" --environment Benchmark
t1=$(date +%s%N)
SERVICE_PID=$PID SERVICE="http://127.0.0.1:$PORT"
FIGURE=""
for id in $FIGURE_IDS; do
  if [ "$(status_of "$SERVICE/v1/observations/$id")" = 200 ] && [ "$(status_of "$SERVICE/v1/observations/$id?release=$OLDEST")" = 200 ]; then FIGURE=$id; break; fi
done
if [ -z "$FIGURE" ]; then log "no figure of the current release is in the oldest one"; exit 1; fi
for i in "${!NAMES[@]}"; do PATHS[$i]=${PATHS[$i]//\{id\}/$FIGURE}; PATHS[$i]=${PATHS[$i]//\{oldest\}/$OLDEST}; done
HEADERS=()
for i in "${!NAMES[@]}"; do
  HEADERS[$i]=""
  if [ "${NEEDS[$i]}" = etag ]; then
    etag=$(curl -s -D - -o /dev/null "$SERVICE${PATHS[$i]}" | awk 'tolower($1) == "etag:" { sub(/\r$/, ""); $1 = ""; sub(/^ /, ""); print }')
    HEADERS[$i]="If-None-Match: $etag"
  fi
done
service_paths=$WORK/service-paths
: >"$service_paths"
for i in "${!NAMES[@]}"; do
  if [ "${SERVERS[$i]}" = service ]; then echo "${EXPECTS[$i]} ${PATHS[$i]} ${HEADERS[$i]}" >>"$service_paths"; fi
done
t2=$(date +%s%N)
line=$(warm_up "$SERVICE_PID" "$SERVICE" "$service_paths" "$WARMUP")
check "service warm-up" "$line"
jq -c --argjson first $(( (t1 - t0) / 1000000 )) --argjson load $(( (t2 - t0) / 1000000 )) \
  '{kind: "warmup", server: "service", first_answer_ms: $first, load_from_ms: $load} + .' <<<"$line" >>"$RAW"
log "service: first answer after $(( (t1 - t0) / 1000000 )) ms, steady after $(jq -r '.steady // "never"' <<<"$line") s of load"

# --- the answers each scenario gets, which the ceilings replay ----------------------------------------------------
mkdir -p "$WORK/answers"
declare -A SKIPPED=()
for i in "${!NAMES[@]}"; do
  if [ "${SERVERS[$i]}" != service ]; then continue; fi
  name=${NAMES[$i]} args=()
  if [ -n "${HEADERS[$i]}" ]; then args=(-H "${HEADERS[$i]}"); fi
  status=$(curl -s -o "$WORK/answers/$name.body" -D "$WORK/answers/$name.headers" -w '%{http_code}' "${args[@]}" "$SERVICE${PATHS[$i]}" || true)
  echo "$status" >"$WORK/answers/$name.status"
  if [ "$status" != "${EXPECTS[$i]}" ]; then SKIPPED[$name]="answers $status, expected ${EXPECTS[$i]}"; fi
done

# --- the ceilings: Kestrel answering those bytes, body only (/body/) and with the service's headers (/headers/) ----
log "ceilings: start, then ${WARMUP}s of load"
serve ceiling /ready "${ON_SERVER_CPU[@]}" env BASELINE_SCENARIOS="$WORK/answers" \
  dotnet "$BASELINE_DLL" --urls "http://127.0.0.1:{port}"
CEILING_PID=$PID CEILING="http://127.0.0.1:$PORT"
: >"$WORK/ceiling-paths"
for i in "${!NAMES[@]}"; do
  if [ "${SERVERS[$i]}" = service ]; then
    echo "${EXPECTS[$i]} /body/${NAMES[$i]}" >>"$WORK/ceiling-paths"
    echo "${EXPECTS[$i]} /headers/${NAMES[$i]}" >>"$WORK/ceiling-paths"
  fi
done
line=$(warm_up "$CEILING_PID" "$CEILING" "$WORK/ceiling-paths" "$WARMUP")
check "ceiling warm-up" "$line"
jq -c '{kind: "warmup", server: "ceiling"} + .' <<<"$line" >>"$RAW"
log "ceilings: steady after $(jq -r '.steady // "never"' <<<"$line") s"

# --- json-server, the peer: the same figures, exported from the service by following links.next ------------------
if printf '%s\n' "${SERVERS[@]}" | grep -qx json-server; then
  log "json-server: exporting the current release's figures, start, then ${WARMUP}s of load"
  next="$SERVICE/v1/observations?pageSize=1000"
  echo '[]' >"$WORK/items.json"
  while [ -n "$next" ] && [ "$next" != null ]; do
    curl -sf "$next" >"$WORK/page.json"
    jq -s '.[0] + .[1].items' "$WORK/items.json" "$WORK/page.json" >"$WORK/items.next" && mv "$WORK/items.next" "$WORK/items.json"
    next=$(jq -r '.links.next' "$WORK/page.json")
  done
  jq '{observations: .}' "$WORK/items.json" >"$WORK/db.json"
  serve json-server "/observations/$FIGURE" "${ON_SERVER_CPU[@]}" bench/json-server/node_modules/.bin/json-server --quiet --host 127.0.0.1 --port "{port}" "$WORK/db.json"
  JSON_SERVER_PID=$PID JSON_SERVER="http://127.0.0.1:$PORT"
  : >"$WORK/json-server-paths"
  for i in "${!NAMES[@]}"; do
    if [ "${SERVERS[$i]}" = json-server ]; then echo "${EXPECTS[$i]} ${PATHS[$i]}" >>"$WORK/json-server-paths"; fi
  done
  line=$(warm_up "$JSON_SERVER_PID" "$JSON_SERVER" "$WORK/json-server-paths" "$WARMUP")
  check "json-server warm-up" "$line"
  jq -c '{kind: "warmup", server: "json-server"} + .' <<<"$line" >>"$RAW"
  log "json-server: steady after $(jq -r '.steady // "never"' <<<"$line") s"
fi

# --- load: alternating rounds -------------------------------------------------------------------------------------
# Each scenario runs between its two ceilings (body only, then with headers; the other way round in even rounds),
# and then its json-server peer: on a machine shared with other work, throughput drifts within seconds, so each
# ratio is to the runs right beside it.
# Under load, wrk checks statuses 400 and above itself; the bytes per response tell the rest (a 200 from a 304, one
# answer from another): they must be within 5% of those of a single request to the same URL (bench/wrk/report.lua).
response_bytes() { # url [header]
  local args=()
  if [ -n "${2:-}" ]; then args=(-H "$2"); fi
  curl -s -o /dev/null -w '%{size_header} %{size_download}' "${args[@]}" "$1" | awk '{ print $1 + $2 }'
}
run_one() { # round scenario-index role pid url
  local round=$1 i=$2 role=$3 pid=$4 url=$5 line expected
  expected=$(response_bytes "$url" "${HEADERS[$i]}")
  line=$(measure "$pid" "$url" "${EXPECTS[$i]}" "$CONNECTIONS" "$THREADS" "$DURATION" "" "${HEADERS[$i]}")
  line=$(jq -c --argjson e "$expected" '. + {expected_bytes: $e, bytes_per_response: (if .requests > 0 then (.bytes / .requests * 10 | round / 10) else null end)}' <<<"$line")
  check "${NAMES[$i]} ($role) round $round" "$line"
  if ! jq -e '.bytes_per_response != null and ((.bytes_per_response - .expected_bytes) | fabs) <= 0.05 * .expected_bytes' <<<"$line" >/dev/null; then
    fail "${NAMES[$i]} ($role) round $round: $(jq -r '"\(.bytes_per_response) bytes per response, expected \(.expected_bytes)"' <<<"$line")"
  fi
  jq -c --arg s "${NAMES[$i]}" --arg role "$role" --argjson r "$round" '{kind: "load", scenario: $s, role: $role, round: $r} + .' <<<"$line" >>"$RAW"
}
for round in $(seq 1 "$ROUNDS"); do
  log "round $round/$ROUNDS: each scenario for ${DURATION}s at $CONNECTIONS connections, between its ceilings"
  for i in "${!NAMES[@]}"; do
    name=${NAMES[$i]}
    if [ "${SERVERS[$i]}" != service ] || [ -n "${SKIPPED[$name]:-}" ]; then continue; fi
    if (( round % 2 )); then ceilings=(body headers); else ceilings=(headers body); fi
    run_one "$round" "$i" "ceiling-${ceilings[0]}" "$CEILING_PID" "$CEILING/${ceilings[0]}/$name"
    run_one "$round" "$i" service "$SERVICE_PID" "$SERVICE${PATHS[$i]}"
    run_one "$round" "$i" "ceiling-${ceilings[1]}" "$CEILING_PID" "$CEILING/${ceilings[1]}/$name"
    if [ "${PEERS[$i]}" != - ] && j=$(index_of "${PEERS[$i]}") && [ -n "$j" ]; then
      run_one "$round" "$j" json-server "$JSON_SERVER_PID" "$JSON_SERVER${PATHS[$j]}"
    fi
  done
done

# --- memory: peak RSS of the service over LOAD_SECONDS of load ---------------------------------------------------
log "memory: ${LOAD_SECONDS}s of load (by id, then the filtered list), then peak RSS"
stop_pid "$SERVICE_PID"
start_service "$DATABASE"
idle=$(rss_mb "$SERVICE_PID")
half=$(( LOAD_SECONDS / 2 ))
for name in by-id list-filtered; do
  i=$(index_of "$name")
  if [ -n "$i" ]; then run_wrk "http://127.0.0.1:$SERVICE_PORT${PATHS[$i]}" 200 "$CONNECTIONS" "$THREADS" "$half" >/dev/null; fi
done
jq -nc --argjson idle "$idle" --argjson peak "$(peak_rss_mb "$SERVICE_PID")" --argjson now "$(rss_mb "$SERVICE_PID")" \
  '{kind: "memory", idle_rss_mb: $idle, peak_rss_mb: $peak, rss_after_mb: $now}' >>"$RAW"
stop_pid "$SERVICE_PID"
stop_pid "$CEILING_PID"
if [ -n "${JSON_SERVER_PID:-}" ]; then stop_pid "$JSON_SERVER_PID"; fi

# --- start-up: process start to the first 200, unpinned, alternating with the ceiling's ------------------------------
log "start-up: process start to the first 200, $STARTUPS times each, alternating with the ceiling"
first_200() { # url pid: milliseconds from $t0 until url answers 200
  local url=$1 pid=$2
  until [ "$(status_of "$url")" = 200 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then echo -1; return; fi
    sleep 0.005
  done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
}
by_id=${PATHS[$(index_of by-id)]}
for i in $(seq 1 "$STARTUPS"); do
  for which in service ceiling; do
    port=$(free_port)
    t0=$(date +%s%N)
    if [ "$which" = service ]; then
      env "ConnectionStrings__Indicators=Data Source=$DATABASE" Database__BuildOnStartup=false \
        dotnet "$API_DLL" --urls "http://127.0.0.1:$port" --environment Benchmark >"$WORK/startup-$port.log" 2>&1 &
      url="http://127.0.0.1:$port$by_id"
    else
      env BASELINE_SCENARIOS="$WORK/answers" dotnet "$BASELINE_DLL" --urls "http://127.0.0.1:$port" >"$WORK/startup-$port.log" 2>&1 &
      url="http://127.0.0.1:$port/body/by-id"
    fi
    pid=$!
    STARTED_PIDS+=("$pid")
    ms=$(first_200 "$url" "$pid")
    stop_pid "$pid"
    if [ "$ms" = -1 ]; then
      if grep -qiE 'address already in use' "$WORK/startup-$port.log"; then log "start-up: port $port taken; run again"; continue; fi
      fail "start-up of the $which: it exited ($(tail -3 "$WORK/startup-$port.log"))"
      continue
    fi
    jq -nc --arg w "$which" --argjson r "$i" --argjson ms "$ms" '{kind: "startup", server: $w, round: $r, ms: $ms}' >>"$RAW"
  done
done

# --- the per-stage account ------------------------------------------------------------------------------------------
if [ "$STAGES" = 1 ]; then
  log "stages: the per-stage account (bench/stages.sh)"
  WORK=$WORK RAW=$RAW STAGE_PATHS="hit=$by_id miss=$by_id" bash bench/stages.sh "$DATABASE" || FAILED=1
fi

# --- scale --------------------------------------------------------------------------------------------------------
if [ "$SCALE" = 1 ]; then
  WORK=$WORK RAW=$RAW bash bench/scale.sh || FAILED=1
fi

# --- report ---------------------------------------------------------------------------------------------------------
for name in "${!SKIPPED[@]}"; do fail "scenario $name not measured: ${SKIPPED[$name]}"; done
skipped_json=$(for name in "${!SKIPPED[@]}"; do jq -nc --arg n "$name" --arg w "${SKIPPED[$name]}" '{scenario: $n, why: $w}'; done | jq -s .)
scenarios_json=$(for i in "${!NAMES[@]}"; do
  jq -nc --arg n "${NAMES[$i]}" --arg s "${SERVERS[$i]}" --arg p "${PATHS[$i]}" --arg t "${TARGETS[$i]}" --arg peer "${PEERS[$i]}" \
    '{scenario: $n, server: $s, path: $p, target: $t, peer: $peer}'
done | jq -s .)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "## Figures of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), shared with other work (load average $load_before at the start, $load_after at the end);"
  echo "$(free -g | awk '/Mem:/ { print $2 }') GB RAM; .NET $(dotnet --version), wrk $(wrk -v 2>&1 | head -1 | awk '{ print $2 }'), node $(node --version)."
  if [ "$PIN" = 1 ]; then pinning="servers on CPU $SERVER_CPU, wrk on CPU $LOAD_CPU"; else pinning="unpinned"; fi
  echo "Settings: $pinning; $ROUNDS rounds x ${DURATION}s per scenario after a ${WARMUP}s warm-up of each server, $CONNECTIONS connections, $THREADS wrk threads;"
  echo "database: $LOAD_RELEASES published releases of $LOAD_SIZE figures (bench/Generator), figure \`$FIGURE\`, oldest release \`$OLDEST\`."
  echo "Command: \`bash bench/run.sh${*:+ $*}\`"
  echo
  jq -r -s --argjson skipped "$skipped_json" --argjson scenarios "$scenarios_json" --arg connections "$CONNECTIONS" -f bench/report.jq "$RAW"
  if [ "$STAGES" = 1 ]; then
    echo "### Per stage: server CPU µs per request, by A/B (bench/stages.sh)"
    echo
    echo "The figure \`$FIGURE\` by id, a hit (answered by the response cache) and a miss (a unique \`cb=\` on every request);"
    echo "each variant of bench/Stages leaves one stage out and runs right after the same host with none left out."
    echo
    jq -r -s -f bench/stages.jq "$RAW"
    echo
  fi
} >"$REPORT"
cat "$REPORT"
if [ "$QUICK" = 0 ] && [ "$SCALE" = 1 ] && [ "$STAGES" = 1 ] && [ -z "${SCENARIOS:-}" ] && [ "$PIN" = 1 ]; then
  # The README keeps the latest full run between its markers.
  awk -v report="$REPORT" '
    /<!-- results:start -->/ { print; while ((getline line < report) > 0) print line; skip = 1; next }
    /<!-- results:end -->/ { skip = 0 }
    !skip { print }' bench/README.md >"$WORK/README.md" && cp "$WORK/README.md" bench/README.md
  log "bench/README.md updated"
fi
log "results: $REPORT and $RAW"
if [ "$FAILED" != 0 ]; then log "INVALID RUN: a scenario was not measured, or a request failed or answered an unexpected status"; exit 1; fi
log "valid run"
