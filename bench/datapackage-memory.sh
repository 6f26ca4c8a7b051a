#!/usr/bin/env bash
# The zipped Data Package at scale: generates SIZE figures (default 1,000,000), imports them with the real CLI,
# serves them, downloads /datapackage.zip once and reports its size, the time it took and the service's resident
# memory before and at its peak (VmHWM). The zip is streamed a page of rows at a time, so the peak should stay near
# the idle footprint whatever SIZE is, while the CSVs inside grow to hundreds of megabytes.
#   bash bench/datapackage-memory.sh            # SIZE=100000 bash bench/datapackage-memory.sh for a quicker look
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

: "${SIZE:=1000000}"
WORK=$(mktemp -d)
STARTED_PIDS=()
trap cleanup EXIT
dotnet publish src/Indicators.Api -c Release -r linux-x64 --self-contained false -v q -nologo >/dev/null
dotnet build bench/Generator -c Release -v q -nologo >/dev/null

log "generating $SIZE figures"
dotnet "$GENERATOR_DLL" "$SIZE" "$WORK/data" >/dev/null
log "importing"
dotnet "$API_DLL" import "$WORK/data" --database "$WORK/figures.db" >/dev/null
start_service "$WORK/figures.db"
port=$SERVICE_PORT
wait_ok "http://127.0.0.1:$port/health/ready"
curl -s -o /dev/null "http://127.0.0.1:$port/v1/observations?pageSize=1"
rss() { awk -v field="$1" '$1 == field":" { printf "%.1f", $2 / 1024 }' "/proc/$SERVICE_PID/status"; }
before=$(rss VmRSS)
start=$(date +%s%N)
size=$(curl -s -o "$WORK/package.zip" -w '%{size_download}' "http://127.0.0.1:$port/datapackage.zip")
took=$(awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN { printf "%.1f", ns / 1e9 }')
peak=$(rss VmHWM)
rows=$(unzip -p "$WORK/package.zip" data/observations.csv | wc -l)
csv_mb=$(unzip -l "$WORK/package.zip" | awk 'END { printf "%.1f", $1 / 1048576 }')
log "figures $SIZE: zip $(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1048576 }') MB ($csv_mb MB unpacked, $((rows - 1)) rows in observations.csv) in ${took} s; RSS ${before} MB before, peak ${peak} MB"
