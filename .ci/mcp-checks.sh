#!/usr/bin/env bash
# The MCP endpoint as outsiders meet it, against the built service on 127.0.0.1:
#  1. a client no one here wrote, @modelcontextprotocol/inspector-cli 1.0.3 (node 20), lists the tools and calls
#     search_figures and get_figure. It exits 0 even when a tool answers an error, so every result's isError is read.
#  2. HTTP: a bad Origin is 403 (without Access-Control-Allow-Origin), an oversized body 413 (with a length and
#     chunked: Kestrel's own limit is met here, not in the in-process tests), GET /mcp 405, a burst past the
#     per-client limit 429 with Retry-After.
#
#   .ci/mcp-checks.sh      # needs the .NET SDK, node 20, npm, curl and python3
set -euo pipefail
cd "$(dirname "$0")/.."

scratch="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$scratch"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
fail() { echo "FAIL: $*" >&2; exit 1; }

# The inspector loads its own package.json through a path relative to the working directory, so it runs from
# a folder whose parent holds a package.json (its npm prefix here).
inspector_dir="$scratch/inspector"
mkdir -p "$inspector_dir/run"
echo '{ "name": "indicators-mcp-checks", "private": true }' >"$inspector_dir/package.json"
npm install --prefix "$inspector_dir" --no-audit --no-fund --silent @modelcontextprotocol/inspector-cli@1.0.3 >/dev/null 2>&1
inspector="$inspector_dir/node_modules/@modelcontextprotocol/inspector-cli/build/index.js"

dotnet build src/Indicators.Api --configuration Release --nologo --verbosity quiet >/dev/null
bin="$PWD/src/Indicators.Api/bin/Release/net10.0"

start_service() { # name port [env...]
  local name=$1 port=$2; shift 2
  env ConnectionStrings__Indicators="Data Source=$scratch/$name.db" ASPNETCORE_ENVIRONMENT=Production "$@" \
    dotnet "$bin/Indicators.Api.dll" --urls "http://127.0.0.1:$port" >"$scratch/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 150); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return; sleep 0.2; done
  echo "service $name did not start" >&2; cat "$scratch/$name.log" >&2; exit 1
}

port=$(free_port)
start_service main "$port"
limited_port=$(free_port)
start_service limited "$limited_port" Limits__RateLimit__Burst=5 Limits__RateLimit__TokensPerPeriod=1 Limits__RateLimit__PeriodSeconds=3600
url="http://127.0.0.1:$port/mcp"

inspect() { # output-file inspector-arguments...
  local out=$1; shift
  (cd "$inspector_dir/run" && node "$inspector" "$url" "$@" 2>"$out.err" >"$out") || { cat "$out.err" >&2; fail "inspector $*"; }
}

echo "-- inspector-cli: tools/list"
inspect "$scratch/list.json" --method tools/list
python3 - "$scratch/list.json" <<'PY'
import json, sys
tools = json.load(open(sys.argv[1]))["tools"]
names = [t["name"] for t in tools]
expected = ["search_figures", "get_figure", "get_quote_context", "verify_claim", "compare_figures", "get_source", "cite"]
assert names == expected, names
for t in tools:
    a = t["annotations"]
    assert a["readOnlyHint"] and a["idempotentHint"] and not a["openWorldHint"], t["name"]
    assert t["outputSchema"]["type"] == "object", t["name"]
print("   ", len(tools), "tools:", ", ".join(names))
PY

echo "-- inspector-cli: tools/call search_figures"
inspect "$scratch/search.json" --method tools/call --tool-name search_figures --tool-arg 'q="global south"' --tool-arg limit=5
python3 - "$scratch/search.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r.get("isError") is not True, r
s = r["structuredContent"]
assert s["total"] >= 1 and s["figures"], s
for f in s["figures"]:
    assert f["quote"]["text"] and f["statement"], f
print("   ", len(s["figures"]), "of", s["total"], "figures, e.g.", s["figures"][0]["statement"], "[" + s["figures"][0]["id"] + "]")
PY

echo "-- inspector-cli: tools/call get_figure"
inspect "$scratch/figure.json" --method tools/call --tool-name get_figure --tool-arg figureId=china-gdp-2023-cny
python3 - "$scratch/figure.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r.get("isError") is not True, r
f = r["structuredContent"]["figure"]
assert f["id"] == "china-gdp-2023-cny" and f["statement"] == "exceeded 126 trillion yuan", f
assert f["qualifier"]["lower"] == 126 and f["qualifier"]["upper"] is None, f
text = r["content"][0]["text"]
assert "exceeded 126 trillion yuan" in text and not text.lstrip().startswith("{"), text
print("   ", text[:110] + "…")
PY

echo "-- inspector-cli: a tool error exits 0, so isError is what tells"
inspect "$scratch/error.json" --method tools/call --tool-name get_figure --tool-arg figureId=no-such-figure
python3 - "$scratch/error.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r.get("isError") is True, r
assert "search_figures" in r["content"][0]["text"], r
print("    isError:", r["content"][0]["text"])
PY

post() { # url [curl options...]: prints the status code
  local target=$1; shift
  curl -s -o "$scratch/body" -D "$scratch/headers" -w '%{http_code}' -X POST "$target" \
    -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' "$@"
}
list='{"jsonrpc":"2.0","id":1,"method":"tools/list"}'

echo "-- HTTP: a bad Origin is 403, with no Access-Control-Allow-Origin"
[ "$(post "$url" -H 'Origin: https://evil.example' -d "$list")" = 403 ] || fail "bad Origin: $(cat "$scratch/body")"
! grep -qi '^access-control-allow-origin' "$scratch/headers" || fail "the 403 carries Access-Control-Allow-Origin"
[ "$(post "$url" -d "$list")" = 200 ] || fail "no Origin: $(cat "$scratch/body")"

echo "-- HTTP: an oversized body is 413, with Content-Length and chunked"
python3 -c 'import sys; sys.stdout.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{\"pad\":\"" + "x" * 300000 + "\"}}}")' >"$scratch/big.json"
[ "$(post "$url" --data-binary @"$scratch/big.json")" = 413 ] || fail "oversized body: $(cat "$scratch/body")"
[ "$(post "$url" -H 'Transfer-Encoding: chunked' --data-binary @"$scratch/big.json")" = 413 ] || fail "oversized chunked body: $(cat "$scratch/body")"

echo "-- HTTP: GET /mcp is 405 with Allow: POST"
[ "$(curl -s -o /dev/null -D "$scratch/headers" -w '%{http_code}' "$url")" = 405 ] || fail "GET /mcp"
grep -qi '^allow: POST' "$scratch/headers" || fail "GET /mcp has no Allow: POST"

echo "-- HTTP: a burst past the per-client limit is 429 with Retry-After"
statuses=""
for _ in $(seq 8); do statuses+="$(post "http://127.0.0.1:$limited_port/mcp" -d "$list") "; done
echo "    statuses: $statuses"
[ "$statuses" = "200 200 200 200 200 429 429 429 " ] || fail "burst of 8 against a burst limit of 5"
grep -qi '^retry-after: [1-9]' "$scratch/headers" || fail "the 429 has no Retry-After"

# A client's mistake is answered, not logged as the server's error.
if grep -h '"LogLevel":"Error"' "$scratch/main.log" "$scratch/limited.log" >&2; then fail "the service logged errors"; fi
echo "MCP checks passed."
