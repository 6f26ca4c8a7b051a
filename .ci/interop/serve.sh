#!/usr/bin/env bash
# Runs a command against the built service: starts it on a free loopback port over its own database (built from
# data/ on start), exports BASE (e.g. http://127.0.0.1:41234) and EXPECTED_IDS (a file with the ids of the figures
# in the SDMX dataflow: the stated figures of /v1/observations less those the dataflow's annotations name as left
# out), runs "$@", and stops the service.
#
#   .ci/interop/serve.sh Rscript .ci/interop/rsdmx.R
set -euo pipefail
cd "$(dirname "$0")/../.."

scratch="$(mktemp -d)"
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$scratch"; }
trap cleanup EXIT

bin="$PWD/src/Indicators.Api/bin/Release/net10.0"
[[ -f "$bin/Indicators.Api.dll" ]] || dotnet build src/Indicators.Api --configuration Release --nologo --verbosity quiet >/dev/null
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ConnectionStrings__Indicators="Data Source=$scratch/indicators.db" ASPNETCORE_ENVIRONMENT=Production \
  Limits__RateLimit__Burst=100000 \
  dotnet "$bin/Indicators.Api.dll" --contentRoot "$bin" --urls "http://127.0.0.1:$port" >"$scratch/service.log" 2>&1 &
pid=$!
for _ in $(seq 150); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "the service did not start" >&2; cat "$scratch/service.log" >&2; exit 1; }

export BASE="http://127.0.0.1:$port"
export EXPECTED_IDS="$scratch/flow-ids.txt"
/usr/bin/python3 - "$BASE" "$EXPECTED_IDS" <<'PY'
import json, sys, urllib.request, xml.etree.ElementTree as ET
base, out = sys.argv[1], sys.argv[2]
stated = [o["id"] for o in json.load(urllib.request.urlopen(base + "/v1/observations?pageSize=1000"))["items"]]
flow = ET.parse(urllib.request.urlopen(base + "/sdmx/2.1/dataflow/INDICATORS/FIGURES/1.0"))
common = "{http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common}"
left_out = {a.findtext(common + "AnnotationTitle") for a in flow.iter(common + "Annotation")
            if a.findtext(common + "AnnotationType") == "EXCLUDED_FIGURE"}
open(out, "w").write("\n".join(i for i in stated if i not in left_out) + "\n")
print(f"{len(stated)} stated figures, {len(left_out)} left out of the SDMX dataflow: {', '.join(sorted(left_out))}")
PY
"$@"
