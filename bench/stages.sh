#!/usr/bin/env bash
# What each stage of the request pipeline costs per request, on one core, by A/B: bench/Stages hosts the service with
# one stage left out (PipelineStages in src/Indicators.Api/Http), and every variant runs right after the same host
# with nothing left out, in alternating rounds. A stage's cost is the median over the rounds of the difference in the
# server's CPU time per request (from /proc, so another process on the core does not count); a difference within
# the spread of the rounds (half the range of the per-round differences) is reported as "< noise (± x µs)".
# Run by bench/run.sh (on its database and scenarios); alone:
#   bash bench/stages.sh [database]     (default: data/ imported into a temporary folder)
# Settings (environment): STAGE_ROUNDS=5 STAGE_DURATION=4 STAGE_WARMUP=60 CONNECTIONS=64 THREADS=2
#   STAGE_PATHS: "name=path name=path ...", the requests measured (default: the by-id hit and the by-id miss)
#   STAGE_VARIANTS: which stages to leave out, one variant each (default: every stage, the log scope, and all at once)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

: "${STAGE_ROUNDS:=5}" "${STAGE_DURATION:=4}" "${STAGE_WARMUP:=60}" "${CONNECTIONS:=64}" "${THREADS:=2}"
STAGES_DLL=bench/Stages/bin/Release/net10.0/Stages.dll
OWN_WORK=0
if [ -z "${WORK:-}" ]; then
  WORK=$(mktemp -d) OWN_WORK=1
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  ensure_command wrk wrk
  ensure_command jq jq
  build_all
fi
dotnet build bench/Stages -c Release -v q -nologo >/dev/null
if [ -z "${RAW:-}" ]; then mkdir -p bench/results; RAW=bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)-stages.jsonl; fi
DATABASE=${1:-${STAGE_DATABASE:-}}
if [ -z "$DATABASE" ]; then
  DATABASE=$WORK/stages.db
  dotnet "$API_DLL" import data --database "$DATABASE" >/dev/null
fi

# The paths: a cache hit (the answer is stored after the first request) and a miss (a unique cb= every request).
if [ -z "${STAGE_PATHS:-}" ]; then
  STAGE_PATHS="hit=${STAGE_HIT_PATH:-/v1/observations/china-gdp-2023-cny} miss=${STAGE_MISS_PATH:-/v1/observations/china-gdp-2023-cny}"
fi
ALL_STAGES="request-ids security-headers problems limits method-checks release-stamp conditional-get known-parameters"
: "${STAGE_VARIANTS:=$ALL_STAGES log-scope all}"

# One host per variant, all on the server CPU; only the one under load uses it.
declare -A PIDS=() PORTS=()
start_variant() {
  local variant=$1 args=()
  case $variant in
    full) ;;
    log-scope) args=(--no-log-scope) ;;
    all) args=(--off "$(tr ' ' ',' <<<"$ALL_STAGES")" --no-log-scope) ;;
    *) args=(--off "$variant") ;;
  esac
  serve "stages-$variant" /health/live "${ON_SERVER_CPU[@]}" env "ConnectionStrings__Indicators=Data Source=$DATABASE" Database__BuildOnStartup=false \
    dotnet "$STAGES_DLL" --port "{port}" "${args[@]}"
  PIDS[$variant]=$PID PORTS[$variant]=$PORT
}

for variant in full $STAGE_VARIANTS; do
  start_variant "$variant"
  base="http://127.0.0.1:${PORTS[$variant]}"
  : >"$WORK/stage-paths"
  for entry in $STAGE_PATHS; do echo "200 ${entry#*=}" >>"$WORK/stage-paths"; done
  line=$(warm_up "${PIDS[$variant]}" "$base" "$WORK/stage-paths" "$STAGE_WARMUP")
  jq -c --arg v "$variant" '{kind: "stage-warmup", variant: $v} + (. | del(.per_second)) + {per_second: .per_second}' <<<"$line" >>"$RAW"
  log "stages: $variant warmed up (steady after $(jq -r '.steady // "never"' <<<"$line") s)"
done

FAILED=0
for round in $(seq 1 "$STAGE_ROUNDS"); do
  log "stages: round $round/$STAGE_ROUNDS"
  for entry in $STAGE_PATHS; do
    name=${entry%%=*} path=${entry#*=} bust=""
    if [ "$name" = miss ]; then bust=bust; fi
    for variant in $STAGE_VARIANTS; do
      for which in full "$variant"; do
        line=$(measure "${PIDS[$which]}" "http://127.0.0.1:${PORTS[$which]}$path" 200 "$CONNECTIONS" "$THREADS" "$STAGE_DURATION" "$bust")
        if [ "$(jq '.socket_errors + .unexpected_status' <<<"$line")" != 0 ]; then log "FAIL stages $variant $name: $line"; FAILED=1; fi
        jq -c --arg v "$variant" --arg w "$which" --arg p "$name" --argjson r "$round" \
          '{kind: "stage", path: $p, variant: $v, run: $w, round: $r} + .' <<<"$line" >>"$RAW"
      done
    done
  done
done
for variant in full $STAGE_VARIANTS; do stop_pid "${PIDS[$variant]}"; done

if [ "$OWN_WORK" = 1 ]; then
  jq -r -s -f bench/stages.jq "$RAW"
  log "results: $RAW"
fi
exit "$FAILED"
