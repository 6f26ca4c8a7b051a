#!/usr/bin/env bash
# Fixed-rate load on the built service: DURATION seconds at RATE requests/second in all (after a warm-up),
# from Debian's `hey` (apt-get install hey). Prints the status counts, p99 latency and the process's RSS
# at the end of the warm-up and of the run; exits non-zero on any error or an RSS growth of 15% or more.
# The service runs in the Benchmark environment (appsettings.Benchmark.json: per-client rate limit off,
# since every request here comes from one address; --contentRoot makes it read the appsettings files beside the dll)
# on 127.0.0.1 only.
#
#   bench/reliability/fixed-rate-load.sh                 # 60 s at 200 req/s
#   RATE=400 DURATION=60 bench/reliability/fixed-rate-load.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

RATE="${RATE:-200}" DURATION="${DURATION:-60}" WARMUP="${WARMUP:-15}" WORKERS="${WORKERS:-10}" PORT="${PORT:-18680}"
command -v hey >/dev/null || { echo "needs hey: apt-get install hey" >&2; exit 2; }
dotnet build src/Indicators.Api --configuration Release --nologo --verbosity quiet >/dev/null

scratch="$(mktemp -d)"
ConnectionStrings__Indicators="Data Source=$scratch/indicators.db" ASPNETCORE_ENVIRONMENT=Benchmark \
  dotnet src/Indicators.Api/bin/Release/net10.0/Indicators.Api.dll --contentRoot "$PWD/src/Indicators.Api/bin/Release/net10.0" --urls "http://127.0.0.1:$PORT" >"$scratch/service.log" 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null; wait "$service" 2>/dev/null; rm -rf "$scratch"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.2; done

base="http://127.0.0.1:$PORT"
# Three request shapes a CMS makes, at a third of the rate each (hey's -q is per worker).
urls=("$base/v1/observations?entity=china&pageSize=50" "$base/v1/observations/china-gdp-2023-usd" "$base/v1/indicators/gdp/observations")
per_worker=$(awk -v r="$RATE" -v w="$WORKERS" -v n="${#urls[@]}" 'BEGIN { printf "%.2f", r / n / w }')

run() { # seconds, output prefix
  local pids=()
  for i in "${!urls[@]}"; do
    hey -z "${1}s" -q "$per_worker" -c "$WORKERS" "${urls[$i]}" >"$scratch/$2-$i.txt" &
    pids+=($!)
  done
  wait "${pids[@]}"
}
rss() { awk '/VmRSS/ { print $2 }' "/proc/$service/status"; }

run "$WARMUP" warmup
rss_warm=$(rss)
run "$DURATION" load
rss_end=$(rss)

cat "$scratch"/load-*.txt | awk '
  /^  \[[0-9]+\]/ { gsub(/[\[\]]/, "", $1); status[$1] += $2; total += $2 }
  /^Error distribution:/ { errors_section = 1; next }
  errors_section && /^  \[[0-9]+\]/ { errors += $1 }
  END { for (s in status) printf "status %s: %d\n", s, status[s]; printf "responses: %d\n", total }'
errors=$(cat "$scratch"/load-*.txt | awk '/^Error distribution:/ { e = 1; next } e && /^  \[[0-9]+\]/ { n += substr($1, 2) } END { print n + 0 }')
non2xx=$(cat "$scratch"/load-*.txt | awk '/^  \[[0-9]+\]/ && $1 !~ /^\[2/ { n += $2 } END { print n + 0 }')
p99=$(cat "$scratch"/load-*.txt | awk '/ 99%% in / || / 99% in / { if ($3 > m) m = $3 } END { printf "%.4f", m }')
growth=$(awk -v a="$rss_warm" -v b="$rss_end" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
echo "rate: $RATE req/s for ${DURATION}s (${#urls[@]} URLs x $WORKERS workers x $per_worker req/s)"
echo "errors: $errors transport, $non2xx non-2xx"
echo "p99 latency (worst of the URLs): ${p99}s"
echo "RSS: ${rss_warm} kB after warm-up, ${rss_end} kB at the end (${growth}%)"
awk -v g="$growth" -v e="$errors" -v n="$non2xx" 'BEGIN { exit !(e == 0 && n == 0 && g < 15) }'
