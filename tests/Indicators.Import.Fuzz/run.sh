#!/usr/bin/env bash
# Fuzzes the import's check (`import <folder> --check`) with AFL++ and SharpFuzz: afl-fuzz mutates one
# curated file of a copy of data/ (observations.csv unless FUZZ_FILE says otherwise) for a fixed time, and
# any exception that escapes the import (or a process that dies) is a crash. Exits 1 when afl-fuzz saved a
# crash, 2 when afl-fuzz could not run its budget, else 0.
#
#   bash tests/Indicators.Import.Fuzz/run.sh                       # 600 s on observations.csv
#   FUZZ_SECONDS=60 FUZZ_FILE=sources.csv bash tests/Indicators.Import.Fuzz/run.sh
#
# FUZZ_SECONDS   time budget (afl-fuzz -V), default 600
# FUZZ_FILE      the curated file the fuzzer writes (observations.csv, sources.csv, derived.csv, ...)
# FUZZ_WORK      build, corpus and findings folder, default artifacts/fuzz/<file> (git-ignored)
# FUZZ_TIMEOUT   milliseconds before one input counts as a hang, default 5000
# FUZZ_NICE      niceness of the build and the fuzzer, default 19 (the machine is shared with benchmarks)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${FUZZ_SECONDS:-600}"
file="${FUZZ_FILE:-observations.csv}"
work="${FUZZ_WORK:-$root/artifacts/fuzz/${file%.csv}}"
timeout_ms="${FUZZ_TIMEOUT:-5000}"
niceness="${FUZZ_NICE:-19}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [[ ! -f "$root/data/$file" ]]; then
  echo "FUZZ_FILE=$file is not a file of data/" >&2
  exit 2
fi

echo "== afl++"
if ! command -v afl-fuzz >/dev/null; then
  # Debian's package; root on CI and developer machines, sudo elsewhere.
  as_root=()
  [[ "$(id -u)" -eq 0 ]] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq afl++ >/dev/null
fi
(afl-fuzz -h 2>&1 || true) | head -n 1 | sed 's/\x1b\[[0-9;]*m//g'

echo "== build and instrument"
cd "$root"
dotnet tool restore >/dev/null
rm -rf "$work"
mkdir -p "$work/seeds" "$work/scratch"
nice -n "$niceness" dotnet publish tests/Indicators.Import.Fuzz -c Release -o "$work/bin" --nologo -v quiet
# The import's own code, and CsvHelper, which turns the fuzzer's bytes into rows: coverage of both guides
# afl-fuzz. Everything else (FluentValidation, the runtime) runs uninstrumented.
for assembly in Indicators.Api.dll CsvHelper.dll; do
  dotnet tool run sharpfuzz "$work/bin/$assembly" >/dev/null
  echo "instrumented $assembly"
done

echo "== seeds"
# Every curated file is a seed (the others are wrong-headed versions of the target), plus the target cut to
# its header and first rows: small inputs are mutated faster.
for csv in data/*.csv; do
  cp "$csv" "$work/seeds/$(basename "$csv")"
done
head -n 4 "data/$file" >"$work/seeds/head-$file"
ls "$work/seeds"

echo "== afl-fuzz: $file for $seconds s"
# dotnet itself carries no AFL instrumentation (SharpFuzz's is in the assemblies), hence SKIP_BIN_CHECK;
# no crash reporter to bypass and no CPU governor to check in a container; NO_AFFINITY on a shared machine.
set +e
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  nice -n "$niceness" afl-fuzz -i "$work/seeds" -o "$work/findings" -x "$here/import.dict" \
  -t "$timeout_ms" -m none -V "$seconds" \
  -- dotnet "$work/bin/Indicators.Import.Fuzz.dll" "$root/data" "$work/scratch" "$file" >"$work/afl-fuzz.log" 2>&1
status=$?
set -e
stats="$work/findings/default/fuzzer_stats"
if [[ ! -f "$stats" ]]; then
  tail -n 30 "$work/afl-fuzz.log" >&2
  echo "afl-fuzz did not start (exit $status); log: $work/afl-fuzz.log" >&2
  exit 2
fi

stat() { awk -F' *: *' -v key="$1" '$1 == key { print $2 }' "$stats"; }
crashes=$(find "$work/findings/default/crashes" -name 'id:*' | wc -l)
hangs=$(find "$work/findings/default/hangs" -name 'id:*' | wc -l)
echo "file $file, budget ${seconds} s, ran $(stat run_time) s"
echo "execs $(stat execs_done), $(stat execs_per_sec) exec/s, paths (corpus) $(stat corpus_count), crashes $crashes, hangs $hangs"
echo "afl-fuzz $(stat afl_version), log $work/afl-fuzz.log"

if [[ "$status" -ne 0 ]]; then
  tail -n 30 "$work/afl-fuzz.log" >&2
  echo "afl-fuzz stopped with exit $status before its budget; log: $work/afl-fuzz.log" >&2
  exit 2
fi

if [[ "$crashes" -gt 0 ]]; then
  echo "crashing inputs (replay one: dotnet $work/bin/Indicators.Import.Fuzz.dll data \"\$(mktemp -d)\" $file < INPUT):" >&2
  find "$work/findings/default/crashes" -name 'id:*' >&2
  exit 1
fi
