#!/usr/bin/env bash
# Scale-out check: two replicas of the built service behind nginx as a caching reverse proxy
# (deploy/nginx.conf), in three parts:
#   1. cache: load through nginx, the cache hit ratio from nginx's $upstream_cache_status log;
#   2. faults: load that nginx's cache cannot answer (a unique cb= per request) while one replica is killed
#      (SIGKILL) and restarted: no client request may fail, at least 95% must reach a replica, and the
#      restarted replica must be back in rotation; requests per replica before, during and after;
#   3. release: a re-import of a changed dataset and the time until clients see the new release (new ETag).
# Any failed condition ends the script with exit 1.
#
#   bash bench/scale-out.sh            # MAX_AGE=10 DURATION=20s CONNECTIONS=16 by default
#   MAX_AGE=60 DURATION=30s bash bench/scale-out.sh
#   LOAD=curl CONNECTIONS=4 bash bench/scale-out.sh   # cache part loaded with curl instead of wrk
#   KILL_AFTER=10 DOWN_FOR=10 UP_FOR=10 bash bench/scale-out.sh   # the fault part's timing (the defaults)
#
# The fault part is bench/scale-out-faults.sh, sourced here rather than run on its own: it needs this
# script's replicas, nginx and start_replica (a restart must be the same replica, same port, same arguments),
# and it must run before the release part changes the dataset. A file of its own keeps each one short.
#
# Needs root for apt-get when nginx or wrk is missing. Uses 127.0.0.1 only, on the ports deploy/nginx.conf
# names (nginx on 8480, replicas on 5481 and 5482), read from it so the two cannot drift apart. Everything it
# writes goes to a mktemp folder that is removed at the end (KEEP=1 keeps it); the repository's data/ is
# copied, never changed.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
CONF=$REPO/deploy/nginx.conf

MAX_AGE=${MAX_AGE:-10}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
# Fault part: seconds of load before the kill, from the kill to the restart, and after the restarted replica
# answers its readiness probe.
KILL_AFTER=${KILL_AFTER:-10}
DOWN_FOR=${DOWN_FOR:-10}
UP_FOR=${UP_FOR:-10}
# The least share of the fault load that must reach a replica: below it, nginx's cache answered and a kill
# would go unnoticed whatever nginx does.
MIN_REACHED=0.95
NGINX_PORT=$(sed -n 's/^ *listen 127\.0\.0\.1:\([0-9][0-9]*\);.*/\1/p' "$CONF")
mapfile -t REPLICA_PORTS < <(sed -n 's/^ *server 127\.0\.0\.1:\([0-9][0-9]*\)[ ;].*/\1/p' "$CONF")
if [[ -z "$NGINX_PORT" || ${#REPLICA_PORTS[@]} -ne 2 ]]; then
  echo "expected one 'listen 127.0.0.1:PORT' and two 'server 127.0.0.1:PORT' lines in $CONF" >&2
  exit 1
fi
VICTIM=${REPLICA_PORTS[0]}
DLL=src/Indicators.Api/bin/Release/net10.0/linux-x64/publish/Indicators.Api.dll
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { printf '\n== %s\n' "$*"; }

# --- tools -----------------------------------------------------------------------------------------
missing=()
command -v nginx >/dev/null || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
command -v jq >/dev/null || missing+=(jq)
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  apt-get update -qq
  # For the cache part wrk is a nicety (without it the load is a bounded loop of curl, below); the fault
  # part needs it and fails without it.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx jq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 || echo "wrk not installable: using curl for the load"
fi
NGINX=$(command -v nginx)

# A port is free when it can be bound: a connect test misses a port bound but not listening (a server still
# starting) and anything bound on another address of this machine that 127.0.0.1 would clash with.
# SO_REUSEADDR as nginx and Kestrel set it, so that connections of an earlier run in TIME_WAIT do not count.
port_free() {
  python3 -c '
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError as e:
    print(e.strerror, file=sys.stderr)
    sys.exit(1)
finally:
    s.close()' "$1"
}
for port in "$NGINX_PORT" "${REPLICA_PORTS[@]}"; do
  if ! reason=$(port_free "$port" 2>&1); then
    echo "port $port on 127.0.0.1 cannot be bound ($reason): deploy/nginx.conf needs it; stop what holds it first" >&2
    exit 1
  fi
done

# --- build and import --------------------------------------------------------------------------------
say "publishing the service (Release, ReadyToRun, as deployed)"
dotnet publish src/Indicators.Api -c Release -r linux-x64 --self-contained false -v quiet -nologo | tail -2

RUN=$(mktemp -d)
chmod 755 "$RUN"
declare -A REPLICA_PID=()
WRK_PID=""
cleanup() {
  if [[ -f "$RUN/nginx.pid" ]]; then "$NGINX" -p "$RUN/" -c "$CONF" -s stop 2>/dev/null || true; fi
  for pid in "${REPLICA_PID[@]}" ${WRK_PID:+"$WRK_PID"}; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $RUN"; else rm -rf "$RUN"; fi
}
trap cleanup EXIT

cp -r data "$RUN/data"
rm -f "$RUN"/data/*.db
DB="$RUN/indicators.db"
say "importing a copy of data/ into the run folder"
dotnet "$DLL" import "$RUN/data" --database "$DB" | tail -1

# --- replicas and nginx ---------------------------------------------------------------------------------
# One replica, the same way every time (a restart in the fault part must be the same replica). The Benchmark
# environment lifts the per-client rate limit and changes nothing else: every request of the load comes from
# one address (nginx forwards 127.0.0.1 in X-Forwarded-For), so with the limit on the replicas would answer
# 429 past a burst, and the fault part would count those as failures the kill did not cause.
start_replica() {
  local port=$1
  dotnet "$DLL" --urls "http://127.0.0.1:$port" \
    --environment Benchmark \
    --ConnectionStrings:Indicators="Data Source=$DB" \
    --Database:BuildOnStartup=false \
    --Caching:MaxAgeSeconds="$MAX_AGE" \
    --PublicUrls:BaseUrl="http://127.0.0.1:$NGINX_PORT" \
    --Logging:LogLevel:Default=Warning >>"$RUN/replica-$port.log" 2>&1 &
  REPLICA_PID[$port]=$!
}
# Waits (up to 30 s) until the replica on PORT says it is ready to serve: the database is open.
wait_ready() {
  local port=$1
  for _ in $(seq 1 300); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" && return 0
    kill -0 "${REPLICA_PID[$port]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "replica on $port did not start" >&2
  cat "$RUN/replica-$port.log" >&2
  exit 1
}
now() { date +%s.%N; }

say "starting ${#REPLICA_PORTS[@]} replicas from $DLL (max-age ${MAX_AGE}s)"
for port in "${REPLICA_PORTS[@]}"; do start_replica "$port"; done
for port in "${REPLICA_PORTS[@]}"; do wait_ready "$port"; done

mkdir -p "$RUN/temp"
"$NGINX" -p "$RUN/" -c "$CONF" -t -q
"$NGINX" -p "$RUN/" -c "$CONF"
BASE="http://127.0.0.1:$NGINX_PORT"
for _ in $(seq 1 50); do curl -fs -o /dev/null "$BASE/v1/releases/latest" && break; sleep 0.1; done

header() { curl -fs -D - -o /dev/null "$BASE$2" | tr -d '\r' | awk -v h="$1" 'tolower($1) == tolower(h) ":" { print $2 }'; }
OLD_RELEASE=$(header X-Dataset-Release /v1/observations)
OLD_ETAG=$(header ETag /v1/observations)
echo "release $OLD_RELEASE, ETag of /v1/observations $OLD_ETAG"

# --- load ----------------------------------------------------------------------------------------------
if [[ "${LOAD:-wrk}" == wrk ]] && command -v wrk >/dev/null; then
  say "load: wrk, $CONNECTIONS connections for $DURATION over 10 URLs, through nginx"
else
  say "load: curl, $CONNECTIONS loops of 100 rounds over 10 URLs, through nginx"
fi
: >"$RUN/access.log"
"$NGINX" -p "$RUN/" -c "$CONF" -s reopen 2>/dev/null
sleep 0.5
if [[ "${LOAD:-wrk}" == wrk ]] && command -v wrk >/dev/null; then
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/scale-out.lua "$BASE" | sed -n '1,20p'
else
  # The same ten URLs, a fixed number of requests: $CONNECTIONS curl loops of 100 rounds each.
  sed -n 's/^ *"\(\/v1[^"]*\)",\{0,1\}$/\1/p' bench/scale-out.lua >"$RUN/urls"
  export BASE RUN
  # The loop's $BASE, $RUN and $u are the child shell's (exported above), hence single quotes.
  # shellcheck disable=SC2016
  time (seq 1 "$CONNECTIONS" | xargs -P "$CONNECTIONS" -I{} bash -c \
    'for _ in $(seq 1 100); do while read -r u; do curl -s -o /dev/null "$BASE$u"; done <"$RUN/urls"; done')
fi
sleep 0.5

say "nginx cache status over the load (from \$upstream_cache_status)"
awk '{ n[$4]++; total++ } END {
  for (s in n) printf "  %-12s %8d  %6.2f%%\n", s, n[s], 100 * n[s] / total
  hit = n["HIT"] + 0; rev = n["REVALIDATED"] + 0
  printf "  total        %8d\n", total
  printf "  hit ratio (HIT / all)                       %.4f\n", hit / total
  printf "  served without a full upstream response     %.4f  (HIT + REVALIDATED)\n", (hit + rev) / total
}' "$RUN/access.log"
for port in "${REPLICA_PORTS[@]}"; do
  printf '  requests that reached replica %s: %s\n' "$port" "$(grep -c "127.0.0.1:$port" "$RUN/access.log" || true)"
done

# --- faults: a replica killed and restarted under load ----------------------------------------------------
source bench/scale-out-faults.sh

# --- a new release -------------------------------------------------------------------------------------
say "re-importing a changed dataset while the replicas serve"
# The worst case: nginx has just stored a fresh copy of the old release, so it may serve it for max-age.
curl -fs -o /dev/null "$BASE/v1/observations?pageSize=100" || true
OLD_ETAG=$(header ETag "/v1/observations?pageSize=100")
{ echo "Scale-out check: re-imported $(date -u +%Y-%m-%dT%H:%M:%SZ)."; cat "$RUN/data/release-note.txt"; } >"$RUN/note" && mv "$RUN/note" "$RUN/data/release-note.txt"
START=$(date +%s.%N)
dotnet "$DLL" import "$RUN/data" --database "$DB" | tail -1
IMPORTED=$(date +%s.%N)
NEW_RELEASE=""
while :; do
  NEW_RELEASE=$(header X-Dataset-Release "/v1/observations?pageSize=100")
  [[ "$NEW_RELEASE" != "$OLD_RELEASE" ]] && break
  if awk -v s="$IMPORTED" -v n="$(date +%s.%N)" -v m="$MAX_AGE" 'BEGIN { exit !(n - s > m + 5) }'; then
    echo "FAIL: release still $OLD_RELEASE $((MAX_AGE + 5))s after the import" >&2
    exit 1
  fi
  sleep 0.25
done
SEEN=$(date +%s.%N)
NEW_ETAG=$(header ETag "/v1/observations?pageSize=100")
awk -v s="$IMPORTED" -v n="$SEEN" -v m="$MAX_AGE" -v i="$START" 'BEGIN {
  printf "  import took %.1fs; clients saw the new release %.1fs after it finished (max-age %ds)\n", s - i, n - s, m }'
echo "  release $OLD_RELEASE -> $NEW_RELEASE"
echo "  ETag    $OLD_ETAG -> $NEW_ETAG"
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $OLD_ETAG" "$BASE/v1/observations?pageSize=100")
echo "  a client revalidating with the old ETag now gets $STATUS (200 = new content)"
[[ "$NEW_ETAG" != "$OLD_ETAG" && "$STATUS" == 200 ]] || { echo "FAIL: the new release did not reach clients" >&2; exit 1; }
say "done"
