#!/usr/bin/env bash
# A/B of two builds (or two runtime settings) of the service, the way bench/run.sh measures: both on the server CPU,
# wrk on the other, each started fresh and warmed up under load until steady (the time it took is reported), then
# alternating rounds on each path. Prints, per path, the server CPU µs per request of A and B and the median of the
# per-round differences with the rounds' spread, and B's requests/s over A's.
#   bash bench/ab.sh <A> <B> [database]
#   A, B: a built Indicators.Api.dll, or a git revision (built into a temporary worktree)
# Settings (environment): AB_ROUNDS=6 AB_DURATION=4 AB_WARMUP=60 CONNECTIONS=64 THREADS=2
#   AB_PATHS="name=path ..." (a name ending in -miss adds a unique cb= to every request; default: a figure by id,
#   hit and miss), AB_ENV_A / AB_ENV_B: extra environment for that side ("DOTNET_TieredPGO=0 ...").
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

: "${AB_ROUNDS:=6}" "${AB_DURATION:=4}" "${AB_WARMUP:=60}" "${CONNECTIONS:=64}" "${THREADS:=2}"
: "${AB_PATHS:=by-id=/v1/observations/china-gdp-2023-cny by-id-miss=/v1/observations/china-gdp-2023-cny}"
WORK=$(mktemp -d)
REPO=$(pwd)
WORKTREES=()
cleanup_ab() {
  cleanup
  for tree in "${WORKTREES[@]}"; do git -C "$REPO" worktree remove --force "$tree" >/dev/null 2>&1 || true; done
}
trap cleanup_ab EXIT
trap 'exit 130' INT TERM
ensure_command wrk wrk
ensure_command jq jq

dll_of() { # a dll path, or a git revision to build
  if [ -f "$1" ]; then echo "$1"; return; fi
  local tree=$WORK/tree-$(git rev-parse --short "$1")
  git worktree add --detach "$tree" "$1" >/dev/null 2>&1
  WORKTREES+=("$tree")
  dotnet build "$tree/src/Indicators.Api" -c Release -v q -nologo >/dev/null
  echo "$tree/src/Indicators.Api/bin/Release/net10.0/Indicators.Api.dll"
}
DLL_A=$(dll_of "$1")
DLL_B=$(dll_of "$2")
DATABASE=${3:-}
if [ -z "$DATABASE" ]; then
  DATABASE=$WORK/ab.db
  dotnet "$DLL_A" import data --database "$DATABASE" >/dev/null
fi
RAW=$WORK/ab.jsonl

declare -A PIDS=() PORTS=()
: >"$WORK/paths"
for entry in $AB_PATHS; do echo "200 ${entry#*=}" >>"$WORK/paths"; done
for side in A B; do
  dll_var=DLL_$side env_var=AB_ENV_$side
  read -r -a extra <<<"${!env_var:-}"
  t0=$(date +%s%N)
  POLL_SECONDS=0.01 serve "ab-$side" /health/live "${ON_SERVER_CPU[@]}" env "${extra[@]}" "ConnectionStrings__Indicators=Data Source=$DATABASE" \
    Database__BuildOnStartup=false dotnet "${!dll_var}" --urls "http://127.0.0.1:{port}" --environment Benchmark
  PIDS[$side]=$PID PORTS[$side]=$PORT
  up=$(( ($(date +%s%N) - t0) / 1000000 ))
  line=$(warm_up "$PID" "http://127.0.0.1:$PORT" "$WORK/paths" "$AB_WARMUP")
  log "$side: up after $up ms, steady after $(jq -r '.steady // "never"' <<<"$line") s of load ($(jq -r '.steady_cpu // "never"' <<<"$line") s by CPU time)"
  log "$side: per second: $(jq -c '.per_second' <<<"$line")"
  log "$side: per CPU second: $(jq -c '.per_cpu_second' <<<"$line")"
done

if [ "$AB_ROUNDS" = 0 ]; then exit 0; fi
for round in $(seq 1 "$AB_ROUNDS"); do
  log "round $round/$AB_ROUNDS"
  for entry in $AB_PATHS; do
    name=${entry%%=*} path=${entry#*=} bust=""
    if [[ "$name" == *-miss ]]; then bust=bust; fi
    if (( round % 2 )); then order=(A B); else order=(B A); fi
    for side in "${order[@]}"; do
      line=$(measure "${PIDS[$side]}" "http://127.0.0.1:${PORTS[$side]}$path" 200 "$CONNECTIONS" "$THREADS" "$AB_DURATION" "$bust")
      if [ "$(jq '.socket_errors + .unexpected_status' <<<"$line")" != 0 ]; then log "FAIL $side $name: $line"; fi
      jq -c --arg s "$side" --arg p "$name" --argjson r "$round" '{path: $p, side: $s, round: $r} + .' <<<"$line" >>"$RAW"
    done
  done
done

jq -r -s '
  def median: sort | if length == 0 then null elif length % 2 == 1 then .[(length - 1) / 2] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  def r2: . * 100 | round / 100;
  "| path | A µs | B µs | A - B µs (± spread) | B / A req/s |", "|---|---:|---:|---:|---:|",
  (group_by(.path)[] | . as $runs | group_by(.round)
   | map({a: (map(select(.side == "A")) | first), b: (map(select(.side == "B")) | first)}) as $pairs
   | ($pairs | map(.a.server_cpu_us - .b.server_cpu_us)) as $d
   | "| \($runs[0].path) | \($runs | map(select(.side == "A") | .server_cpu_us) | median | r2) | \($runs | map(select(.side == "B") | .server_cpu_us) | median | r2) "
     + "| \($d | median | r2) (± \((($d | max) - ($d | min)) / 2 | r2)) | \($pairs | map(.b.rps / .a.rps) | median | r2) |")' "$RAW"
