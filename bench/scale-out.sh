#!/usr/bin/env bash
# Scale-out check: two replicas of the built service behind nginx as a caching reverse proxy
# (deploy/nginx.conf), load through nginx, the cache hit ratio from nginx's $upstream_cache_status log,
# then a re-import of a changed dataset and the time until clients see the new release (new ETag).
#
#   bash bench/scale-out.sh            # MAX_AGE=10 DURATION=20s CONNECTIONS=16 by default
#   MAX_AGE=60 DURATION=30s bash bench/scale-out.sh
#   LOAD=curl CONNECTIONS=4 bash bench/scale-out.sh   # load with curl instead of wrk
#
# Needs root for apt-get when nginx or wrk is missing. Uses 127.0.0.1 only: nginx on 8480, replicas on
# 5481 and 5482 (the ports deploy/nginx.conf names). Everything it writes goes to a mktemp folder that
# is removed at the end (KEEP=1 keeps it); the repository's data/ is copied, never changed.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

MAX_AGE=${MAX_AGE:-10}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
NGINX_PORT=8480
REPLICA_PORTS=(5481 5482)
DLL=src/Indicators.Api/bin/Release/net10.0/Indicators.Api.dll
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { printf '\n== %s\n' "$*"; }

# --- tools -----------------------------------------------------------------------------------------
missing=()
command -v nginx >/dev/null || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  apt-get update -qq
  # wrk is a nicety: without it the load is a bounded loop of curl (below).
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 || echo "wrk not installable: using curl for the load"
fi
NGINX=$(command -v nginx)

for port in "$NGINX_PORT" "${REPLICA_PORTS[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port on 127.0.0.1 is already in use; stop what holds it first" >&2
    exit 1
  fi
done

# --- build and import --------------------------------------------------------------------------------
say "building the service (Release)"
dotnet build src/Indicators.Api -c Release -v quiet -nologo | tail -2

RUN=$(mktemp -d)
chmod 755 "$RUN"
PIDS=()
cleanup() {
  [[ -f "$RUN/nginx.pid" ]] && "$NGINX" -p "$RUN/" -c "$REPO/deploy/nginx.conf" -s stop 2>/dev/null || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
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
say "starting ${#REPLICA_PORTS[@]} replicas from $DLL (max-age ${MAX_AGE}s)"
for port in "${REPLICA_PORTS[@]}"; do
  dotnet "$DLL" --urls "http://127.0.0.1:$port" \
    --ConnectionStrings:Indicators="Data Source=$DB" \
    --Database:BuildOnStartup=false \
    --Caching:MaxAgeSeconds="$MAX_AGE" \
    --PublicUrls:BaseUrl="http://127.0.0.1:$NGINX_PORT" \
    --Logging:LogLevel:Default=Warning >"$RUN/replica-$port.log" 2>&1 &
  PIDS+=($!)
done
for port in "${REPLICA_PORTS[@]}"; do
  for _ in $(seq 1 100); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/v1/releases/latest" && break
    sleep 0.2
  done
  curl -fs -o /dev/null "http://127.0.0.1:$port/v1/releases/latest" || { echo "replica on $port did not start" >&2; cat "$RUN/replica-$port.log" >&2; exit 1; }
done

mkdir -p "$RUN/temp"
"$NGINX" -p "$RUN/" -c "$REPO/deploy/nginx.conf" -t -q
"$NGINX" -p "$RUN/" -c "$REPO/deploy/nginx.conf"
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
"$NGINX" -p "$RUN/" -c "$REPO/deploy/nginx.conf" -s reopen 2>/dev/null
sleep 0.5
if [[ "${LOAD:-wrk}" == wrk ]] && command -v wrk >/dev/null; then
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/scale-out.lua "$BASE" | sed -n '1,20p'
else
  # The same ten URLs, a fixed number of requests: $CONNECTIONS curl loops of 100 rounds each.
  sed -n 's/^ *"\(\/v1[^"]*\)",\{0,1\}$/\1/p' bench/scale-out.lua >"$RUN/urls"
  export BASE RUN
  time (seq 1 "$CONNECTIONS" | xargs -P "$CONNECTIONS" -I{} bash -c \
    'for _ in $(seq 1 100); do while read -r u; do curl -s -o /dev/null "$BASE$u"; done <"$RUN/urls"; done')
fi
sleep 0.5

say "nginx cache status over the load (from \$upstream_cache_status)"
awk '{ n[$3]++; total++ } END {
  for (s in n) printf "  %-12s %8d  %6.2f%%\n", s, n[s], 100 * n[s] / total
  hit = n["HIT"] + 0; rev = n["REVALIDATED"] + 0
  printf "  total        %8d\n", total
  printf "  hit ratio (HIT / all)                       %.4f\n", hit / total
  printf "  served without a full upstream response     %.4f  (HIT + REVALIDATED)\n", (hit + rev) / total
}' "$RUN/access.log"
for port in "${REPLICA_PORTS[@]}"; do
  printf '  requests that reached replica %s: %s\n' "$port" "$(grep -c "127.0.0.1:$port" "$RUN/access.log" || true)"
done

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
