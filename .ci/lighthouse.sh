#!/usr/bin/env bash
# Lighthouse 12.2.3 (node 20) on Debian's Chromium against the built service on loopback: the home, one
# indicator, one figure and one source page, three runs each, the median per category checked against
#   accessibility = 100, best practices >= 95, SEO >= 90, performance >= 90.
# Lighthouse's default profile is used (a phone on a throttled network, simulated), the harder of its two.
#
#   bash .ci/lighthouse.sh        # needs node 20, npm and /usr/bin/chromium (.ci/install-chromium.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

scratch="$(mktemp -d)"
pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$scratch"; }
trap cleanup EXIT

npm install --prefix "$scratch/lh" --no-audit --no-fund --silent lighthouse@12.2.3 >/dev/null 2>&1
lighthouse="$scratch/lh/node_modules/.bin/lighthouse"
dotnet build src/Indicators.Api --configuration Release --nologo --verbosity quiet >/dev/null
bin="$PWD/src/Indicators.Api/bin/Release/net10.0"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ConnectionStrings__Indicators="Data Source=$scratch/indicators.db" ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$bin/Indicators.Api.dll" --urls "http://127.0.0.1:$port" >"$scratch/service.log" 2>&1 &
pid=$!
for _ in $(seq 150); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "the service did not start" >&2; cat "$scratch/service.log" >&2; exit 1; }

pages=(/ /indicators/share-of-world-gdp /observations/global-south-share-of-world-gdp-now /sources/modernisation-in-china-and-pakistan)
export CHROME_PATH=/usr/bin/chromium
audit() { # page run
  local name
  name=$(echo "$1" | tr -c 'a-z0-9\n' '-' | sed 's/^-*$/home/')
  "$lighthouse" "http://127.0.0.1:$port$1" --quiet --output=json --output-path="$scratch/$name-$2.json" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run" \
    || { echo "lighthouse failed on $1 (run $2)" >&2; return 1; }
}
# Two audits at a time (two cores): performance is scored on a simulated phone and network, from the trace.
for run in 1 2 3; do
  audit "${pages[0]}" "$run" & a=$!; audit "${pages[1]}" "$run" & b=$!; wait "$a"; wait "$b"
  audit "${pages[2]}" "$run" & a=$!; audit "${pages[3]}" "$run" & b=$!; wait "$a"; wait "$b"
done

node - "$scratch" "${pages[@]}" <<'JS'
const fs = require('fs');
const [dir, ...pages] = process.argv.slice(2);
const floors = { accessibility: 100, 'best-practices': 95, seo: 90, performance: 90 };
const median = xs => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let failed = false;
console.log('page'.padEnd(52) + Object.keys(floors).map(k => k.padStart(18)).join(''));
for (const page of pages) {
  const name = page.replace(/[^a-z0-9\n]/g, '-').replace(/^-*$/, 'home');
  const runs = [1, 2, 3].map(r => JSON.parse(fs.readFileSync(`${dir}/${name}-${r}.json`, 'utf8')));
  const cells = Object.entries(floors).map(([category, floor]) => {
    const scores = runs.map(r => Math.round(r.categories[category].score * 100));
    const m = median(scores);
    if (m < floor) {
      failed = true;
      const audits = runs[0].categories[category].auditRefs.map(a => runs[0].audits[a.id])
        .filter(a => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative').map(a => `${a.id} (${a.score})`);
      console.error(`${page}: ${category} median ${m} (runs ${scores.join(', ')}) is below ${floor}: ${audits.join(', ')}`);
    }
    return `${m} (${scores.join('/')})`.padStart(18);
  });
  console.log(page.padEnd(52) + cells.join(''));
}
process.exit(failed ? 1 : 0);
JS
