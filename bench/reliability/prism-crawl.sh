#!/usr/bin/env bash
# Contract crawl: every operation of openapi.yaml, and every status code it documents (200, 304, 400, 404, 406,
# 410, 429, 503; SDMX's 501 is left to the tests), requested through Prism's validating proxy in front of the built service. The operations are read
# from the document: one that no request below reaches fails the crawl, so a new route cannot go uncrawled. Prism checks each
# real response against the document and reports mismatches in its `sl-violations` header; this prints
# (the Host the proxy forwards is the upstream's, hence the oEmbed url on 18701) one line per request and exits non-zero on any response violation (request violations are expected:
# the 400 cases send invalid parameters on purpose).
#
#   bench/reliability/prism-crawl.sh        # needs node 20 and npm; installs prism-cli into a temp folder
#
# Three service instances, all on 127.0.0.1: A serves normally; B has a per-client burst of 1 (for 429);
# C has its database damaged after start (for 503).
set -euo pipefail
cd "$(dirname "$0")/../.."

scratch="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$scratch"; }
trap cleanup EXIT

npm install --prefix "$scratch/prism" --no-audit --no-fund --silent @stoplight/prism-cli@5.14.2 >/dev/null 2>&1
prism="$scratch/prism/node_modules/.bin/prism"
dotnet build src/Indicators.Api --configuration Release --nologo --verbosity quiet >/dev/null
bin="$PWD/src/Indicators.Api/bin/Release/net10.0"

start_service() { # name port [env...]
  local name=$1 port=$2; shift 2
  env ConnectionStrings__Indicators="Data Source=$scratch/$name.db" ASPNETCORE_ENVIRONMENT=Production "$@" \
    dotnet "$bin/Indicators.Api.dll" --contentRoot "$bin" --urls "http://127.0.0.1:$port" >"$scratch/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 150); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return; sleep 0.2; done
  echo "service $name did not start" >&2; cat "$scratch/$name.log" >&2; exit 1
}
start_proxy() { # upstream-port proxy-port
  "$prism" proxy openapi.yaml "http://127.0.0.1:$1" --host 127.0.0.1 --port "$2" --errors=false >"$scratch/prism-$2.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 150); do curl -s -o /dev/null "http://127.0.0.1:$2/v1/entities" && return; sleep 0.2; done
  echo "prism did not start" >&2; cat "$scratch/prism-$2.log" >&2; exit 1
}

start_service a 18701
start_service b 18702 Limits__RateLimit__Burst=1 Limits__RateLimit__TokensPerPeriod=1 Limits__RateLimit__PeriodSeconds=3600
start_service c 18703
start_proxy 18701 18711
start_proxy 18702 18712
start_proxy 18703 18713

release=$(curl -s http://127.0.0.1:18701/v1/releases/latest | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
ok=(/v1/entities /v1/entities/china /v1/indicators /v1/indicators/gdp /v1/indicators/gdp/observations
    /v1/observations /v1/observations/china-gdp-2023-cny /v1/releases /v1/releases/latest "/v1/releases/$release"
    /v1/sources /v1/sources/modernisation-in-china-and-pakistan /v1/sources/modernisation-in-china-and-pakistan/text
    /v1/entities.csv /v1/indicators.csv /v1/indicators/gdp/observations.csv /v1/observations.csv /v1/sources.csv
    /v1/indicators/gdp/chart.svg /v1/indicators/gdp/chart.png /v1/observations/china-gdp-2023-cny/citation
    /v1/sources/modernisation-in-china-and-pakistan/citation /v1/citation /embed/indicators/gdp
    "/oembed?url=http%3A%2F%2F127.0.0.1%3A18701%2Fembed%2Findicators%2Fgdp" /sources/modernisation-in-china-and-pakistan
    /sdmx/2.1/dataflow/INDICATORS/FIGURES/1.0 "/sdmx/2.1/datastructure/INDICATORS/DSD_FIGURES/1.0?references=children"
    /sdmx/2.1/codelist/INDICATORS/CL_VALUE_QUALIFIER/1.0 /sdmx/2.1/conceptscheme/INDICATORS/CS_FIGURES/1.0
    /sdmx/2.1/data/FIGURES/all "/sdmx/2.1/data/FIGURES/gdp.china._Z..?format=structurespecificdata"
    "/sdmx/2.1/data/FIGURES?format=csvdata" /datapackage.json /datapackage.zip /catalog.ttl /catalog.jsonld
    /v1/observations/pakistan-solar-power-stations-built-with-china/history "/v1/releases/$release/changes" /v1/releases/4ab180b2/changes
    "/v1/observations?release=53db9c8b12bee743" "/v1/observations/china-gdp-2023-cny?asOf=2026-11-23"
    "/v1/observations?includeDerived=true&changedSince=53db9c8b12bee743&release=4ab180b297ab6388"
    "/v1/indicators?changedSince=53db9c8b12bee743&release=4ab180b297ab6388" "/v1/sources.csv?release=6232fba9f0a660cc"
    /v1 / /indicators/gdp /observations/china-gdp-2023-cny "/search?q=poverty")
bad=(/v1/entities /v1/indicators /v1/indicators/gdp/observations /v1/observations /v1/releases /v1/sources
     /v1/entities.csv /v1/indicators.csv /v1/indicators/gdp/observations.csv /v1/observations.csv /v1/sources.csv
     /v1/indicators/gdp/chart.svg /v1/indicators/gdp/chart.png /embed/indicators/gdp /search)
bad_style=(/v1/observations/china-gdp-2023-cny/citation /v1/sources/modernisation-in-china-and-pakistan/citation /v1/citation)
# Withdrawn in release 4ab180b2 (the derived figures came back in the release after).
gone=(/v1/observations/china-implied-cny-per-usd-2023?release=4ab180b297ab6388
      /v1/observations/china-implied-cny-per-usd-2023/citation?release=4ab180b297ab6388)
bad_release=("/v1/observations?release=zz" "/v1/observations/china-gdp-2023-cny?release=0000000000000000" "/v1/entities?asOf=2020-01-01"
             "/v1/sources/modernisation-in-china-and-pakistan/text?release=53db9c8b&asOf=2026-11-23" "/v1/observations?changedSince=nope"
             "/v1/releases/latest?asOf=yesterday")
sdmx_bad=("/sdmx/2.1/data/FIGURES/all?detail=everything" /sdmx/2.1/data/FIGURES/gdp.china
          "/sdmx/2.1/dataflow/INDICATORS/FIGURES/1.0?references=cousins" "/sdmx/2.1/datastructure/INDICATORS/DSD_FIGURES/1.0?detail=most"
          "/sdmx/2.1/codelist/INDICATORS/CL_AREA/1.0?references=x" "/sdmx/2.1/conceptscheme/INDICATORS/CS_FIGURES/1.0?detail=x"
          "/sdmx/2.1/data/FIGURES?startPeriod=2020-13")
sdmx_missing=(/sdmx/2.1/dataflow/INDICATORS/NOPE/1.0 /sdmx/2.1/datastructure/ECB/DSD_FIGURES/1.0 /sdmx/2.1/codelist/INDICATORS/CL_NONE/1.0
              /sdmx/2.1/conceptscheme/INDICATORS/CS_FIGURES/9.9 /sdmx/2.1/data/FIGURES/atlantis.... /sdmx/2.1/data/NOPE)
sdmx_unacceptable=(/sdmx/2.1/data/FIGURES/all /sdmx/2.1/data/FIGURES /sdmx/2.1/dataflow/INDICATORS/FIGURES/1.0
                   /sdmx/2.1/datastructure/INDICATORS/DSD_FIGURES/1.0 /sdmx/2.1/codelist/INDICATORS/CL_AREA/1.0
                   /sdmx/2.1/conceptscheme/INDICATORS/CS_FIGURES/1.0)
missing=(/v1/observations/no-such/history /v1/releases/0000000000000000/changes /v1/entities/atlantis /v1/indicators/no-such /v1/indicators/no-such/observations /v1/observations/no-such
         /v1/releases/0000000000000000 /v1/sources/no-such /v1/sources/no-such/text /sources/no-such
         /indicators/no-such /observations/no-such)

# Every operation of the document must be reached by a 200 request above, or the list has fallen behind the routes.
uncovered=$(python3 - "${ok[@]}" <<'PY'
import json, re, sys, urllib.request
document = json.load(urllib.request.urlopen("http://127.0.0.1:18701/swagger/v1/swagger.json"))
requested = [p.split("?")[0] for p in sys.argv[1:]]
for template, item in document["paths"].items():
    for method in item:
        pattern = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$"
        if method == "get" and not any(re.match(pattern, path) for path in requested):
            print(f"{method.upper()} {template}")
PY
)
if [[ -n "$uncovered" ]]; then
  echo "operations of openapi.yaml that the crawl does not request (add them to ok):" >&2
  echo "$uncovered" >&2
  exit 1
fi
echo "every operation of the document is requested"

requests=0 failures=0 violations=0
check() { # proxy-port path expected-status [curl args...]
  local port=$1 path=$2 expected=$3; shift 3
  local status count
  status=$(curl -s -o /dev/null -D "$scratch/headers" -w '%{http_code}' "$@" "http://127.0.0.1:$port$path")
  count=$(python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="latin-1"):
    name, _, value = line.partition(":")
    if name.strip().lower() == "sl-violations":
        found = [v for v in json.loads(value) if v.get("location", [""])[0] == "response"]
        for v in found:
            print("   ", v.get("code"), v.get("message"), "/".join(map(str, v.get("location", []))), file=sys.stderr)
        print(len(found)); break
else:
    print(0)' "$scratch/headers")
  requests=$((requests + 1))
  violations=$((violations + count))
  [[ "$status" == "$expected" ]] || failures=$((failures + 1))
  printf '%-4s %-62s %s (expected %s) response violations: %s\n' "${method:-GET}" "$path" "$status" "$expected" "$count"
}

for path in "${ok[@]}"; do
  check 18711 "$path" 200
  etag=$(awk 'tolower($1) == "etag:" { sub(/\r$/, "", $2); print $2 }' "$scratch/headers")
  check 18711 "$path" 304 -H "If-None-Match: $etag"
done
for path in "${bad[@]}"; do check 18711 "$path?pageSize=0" 400; done
for path in "${bad_style[@]}"; do check 18711 "$path?style=no-such-style" 400; done
check 18711 /oembed 400
check 18711 "/oembed?url=http%3A%2F%2Fexample.com%2Fembed%2Findicators%2Fgdp" 404
for path in "${missing[@]}"; do check 18711 "$path" 404; done
for path in "${gone[@]}"; do check 18711 "$path" 410; done
for path in "${bad_release[@]}"; do check 18711 "$path" 400; done
for path in "${sdmx_bad[@]}"; do check 18711 "$path" 400; done
for path in "${sdmx_missing[@]}"; do check 18711 "$path" 404; done
for path in "${sdmx_unacceptable[@]}"; do check 18711 "$path" 406 -H "Accept: application/json"; done
# The SDMX 501s (updatedAfter, includeHistory) need parameters the document does not list, which the proxy does not
# forward; tests/Indicators.Api.Tests/Sdmx covers them.
curl -s -o /dev/null http://127.0.0.1:18702/v1/entities  # spends the burst of 1
for path in "${ok[@]}"; do check 18712 "$path" 429; done
python3 -c 'import sys; f = open(sys.argv[1], "r+b"); f.seek(0); f.write(b"\0" * 4096); f.close()' "$scratch/c.db"
for path in "${ok[@]}"; do check 18713 "$path" 503; done

echo "requests: $requests, unexpected statuses: $failures, response violations: $violations"
[[ $failures -eq 0 && $violations -eq 0 ]]
