#!/usr/bin/env bash
# The test suite must pass on any clean machine under any load. This runs .ci/run's test step RUNS times
# (default 3) in a fresh clone of HEAD while stress-ng keeps both cores busy, and prints each run's result and
# duration. Install the extra fonts first to check font independence too:
#   sudo apt-get install -y stress-ng fonts-lato fonts-lyx
#   bash bench/reliability/tests-under-load.sh
# Run by hand, not in CI (it takes three test runs and loads the machine). Exit 0 only if every run passed.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${RUNS:-3}"
command -v stress-ng >/dev/null || { echo "stress-ng is not installed (apt-get install stress-ng)" >&2; exit 2; }

scratch="$(mktemp -d)"
stress_pid=""
cleanup() {
    [ -n "$stress_pid" ] && kill "$stress_pid" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT

git clone --quiet "$repo" "$scratch/clone"
cd "$scratch/clone"
echo "fresh clone of $(git rev-parse --short HEAD); fonts: $(fc-list : family | sort -u | tr '\n' ';')"
stress-ng --cpu 2 --quiet &
stress_pid=$!

failed=0
for run in $(seq 1 "$runs"); do
    start=$SECONDS
    if CI=true dotnet test Indicators.sln --configuration Release > "$scratch/run-$run.log" 2>&1; then
        result=passed
    else
        result=FAILED
        failed=$((failed + 1))
        grep -E "^\s+Failed |Error Message" -A4 "$scratch/run-$run.log" | head -40 || true
    fi
    summary=$(grep -E "^(Passed|Failed)!" "$scratch/run-$run.log" | tail -1 || true)
    echo "run $run/$runs: $result in $((SECONDS - start)) s under stress-ng --cpu 2: $summary"
done

echo "$((runs - failed))/$runs runs passed"
[ "$failed" -eq 0 ]
