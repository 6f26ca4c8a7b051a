#!/usr/bin/env bash
# Scale part of the suite: for each size in SCALE_SIZES, generate a synthetic data folder, build it with the
# real import CLI (timed), serve it, and measure p50/p99 of the list, deep pages, search and one-by-id with
# every URL unique (a cb= parameter the API ignores), so no response cache can answer. The pages too: the
# search page (q= and a facet filter) and an indicator's page, as HTML; their facet counts are cached per release
# and filter (cb= is no filter), so the warm figures are a page's own work, and page-search-cold times the first
# request of a filter no request asked before (the facets counted over every matching figure).
# Then the releases part (VINTAGES=1, the default): one folder holding VINTAGE_RELEASES published releases of
# VINTAGE_SIZE figures, each changing VINTAGE_CHANGES of them (default 20 x 1M x 1%), imported once (timed, its
# database compared with the one the same code builds from the newest release alone), then by id, filtered list
# and deep cursor page on the oldest release (release=) against the current one.
# Run by bench/run.sh; alone:  bash bench/scale.sh   (writes bench/results/<stamp>-scale.jsonl)
#   SCALE_SIZES="" bash bench/scale.sh   the releases part only;  VINTAGES=0  without it
# SCALE_QUERIES="page-search-q page-indicator" runs only those queries (names below).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

: "${SCALE_SIZES=1000 100000 1000000}" "${SCALE_CONNECTIONS:=4}" "${DURATION:=10}" "${WARMUP:=5}"
: "${VINTAGES:=1}" "${VINTAGE_SIZE:=1000000}" "${VINTAGE_RELEASES:=20}" "${VINTAGE_CHANGES:=0.01}"
OWN_WORK=0
if [ -z "${WORK:-}" ]; then
  WORK=$(mktemp -d) OWN_WORK=1
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  ensure_command wrk wrk
  ensure_command jq jq
  build_all
fi
if [ -z "${RAW:-}" ]; then mkdir -p bench/results; RAW=bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)-scale.jsonl; fi

# A few thousand requests a second: every status is checked.
STRICT=strict
FAILED=0
for size in $SCALE_SIZES; do
  data=$WORK/scale-$size database=$WORK/scale-$size.db
  rm -rf "$data" "$database"
  log "scale $size: generating"
  dotnet "$GENERATOR_DLL" "$size" "$data" >/dev/null
  log "scale $size: importing through the import CLI"
  t0=$(date +%s%N)
  dotnet "$API_DLL" import "$data" --database "$database" >/dev/null
  t1=$(date +%s%N)
  import_s=$(awk -v ns=$(( t1 - t0 )) 'BEGIN { printf "%.3f", ns / 1e9 }')
  db_mb=$(awk -v b="$(stat -c %s "$database")" 'BEGIN { printf "%.1f", b / 1048576 }')
  sources=$(( $(wc -l <"$data/sources.csv") - 1 ))
  log "scale $size: imported in ${import_s}s, ${db_mb} MB"

  start_service "$database"
  port=$SERVICE_PORT
  base="http://127.0.0.1:$port"
  mid=$(printf 'obs-%07d' $(( size / 2 )))
  # The deep page is the middle page of 100 (page 5,000 at 1M), so every size answers a full page. Its cursor is
  # what links.next carries on the page before, fetched once by page number so as not to walk thousands of pages.
  deep=$(( size / 200 > 1 ? size / 200 : 2 ))
  wait_ok "$base/v1/observations/$mid"
  cursor=$(curl -sf "$base/v1/observations?page=$(( deep - 1 ))&pageSize=100" | jq -r '.links.next' | sed 's/.*cursor=\([^&]*\).*/\1/')

  declare -A queries=(
    [by-id]="/v1/observations/$mid"
    [list-filtered]="/v1/observations?indicator=indicator-00&entity=entity-000&from=2000&to=2020&pageSize=20"
    [deep-page=]="/v1/observations?page=$deep&pageSize=100"
    [deep-cursor]="/v1/observations?pageSize=100&cursor=$cursor"
    [search-q]="/v1/observations?q=nearly"
    [page-search-q]="/search?q=nearly"
    [page-search-facet]="/search?entity=entity-000"
    [page-indicator]="/indicators/indicator-00"
  )
  # q= is ignored (not an error) where full-text search is not merged: then it returns the whole list.
  all=$(curl -sf "$base/v1/observations?pageSize=1" | jq '.total')
  none=$(curl -sf "$base/v1/observations?pageSize=1&q=zzzqxjnotaword" | jq '.total // empty' || true)
  if [ -n "${SCALE_QUERIES:-}" ] || curl -sf -o /dev/null "$base/search"; then
    # The first request of a filter: nothing cached, the facets counted over its matching figures.
    cold=$(curl -sf -o /dev/null -w '%{time_total}' "$base/search?entity=entity-001&cb=cold")
    warm=$(curl -sf -o /dev/null -w '%{time_total}' "$base/search?entity=entity-001&cb=warm")
    jq -nc --argjson n "$size" --argjson cold "$cold" --argjson warm "$warm" \
      '{kind: "scale-cold", size: $n, query: "page-search-cold", first_s: $cold, second_s: $warm}' >>"$RAW"
    log "scale $size page-search-cold: first ${cold}s, second ${warm}s"
  fi
  for query in ${SCALE_QUERIES:-by-id list-filtered deep-page= deep-cursor search-q page-search-q page-search-facet page-indicator}; do
    url="$base${queries[$query]}"
    if [ "$query" = search-q ] && [ "$none" = "$all" ]; then
      jq -nc --argjson n "$size" '{kind: "scale", size: $n, query: "search-q", note: "q= not available on this build"}' >>"$RAW"
      continue
    fi
    run_wrk "$url" 200 "$SCALE_CONNECTIONS" 1 "$WARMUP" bust >/dev/null
    line=$(run_wrk "$url" 200 "$SCALE_CONNECTIONS" 1 "$DURATION" bust)
    jq -c --argjson n "$size" --arg q "$query" --argjson c "$SCALE_CONNECTIONS" \
      '{kind: "scale", size: $n, query: $q, connections: $c} + .' <<<"$line" >>"$RAW"
    if [ "$(jq '.socket_errors + .unexpected_status' <<<"$line")" != 0 ]; then log "FAIL scale $size $query: $line"; FAILED=1; fi
    log "scale $size $query: $(jq -r '"p50 \(.p50_us)us p99 \(.p99_us)us \(.rps) req/s"' <<<"$line")"
  done
  jq -nc --argjson n "$size" --argjson s "$import_s" --argjson mb "$db_mb" --argjson src "$sources" --argjson rss "$(peak_rss_mb "$SERVICE_PID")" \
    --arg parts "$(rss_parts "$SERVICE_PID")" \
    '{kind: "import", size: $n, seconds: $s, db_mb: $mb, sources: $src, peak_rss_mb: $rss, rss_parts_mb: $parts}' >>"$RAW"
  stop_pid "$SERVICE_PID"
  rm -rf "$data" "$database"
done

# --- releases: every published release in one database ---------------------------------------------------------
if [ "$VINTAGES" = 1 ]; then
  data=$WORK/vintages/data newest=$WORK/vintages/newest
  rm -rf "$WORK/vintages"
  log "releases: generating $VINTAGE_RELEASES releases of $VINTAGE_SIZE figures, $VINTAGE_CHANGES changed each"
  dotnet "$GENERATOR_DLL" "$VINTAGE_SIZE" "$data" --releases "$VINTAGE_RELEASES" --changes "$VINTAGE_CHANGES" --newest-only "$newest" >/dev/null
  log "releases: importing every release through the import CLI"
  t0=$(date +%s%N)
  dotnet "$API_DLL" import "$data" --database "$WORK/vintages/all.db" >/dev/null
  t1=$(date +%s%N)
  dotnet "$API_DLL" import "$newest" --database "$WORK/vintages/newest.db" >/dev/null
  import_s=$(awk -v ns=$(( t1 - t0 )) 'BEGIN { printf "%.1f", ns / 1e9 }')
  all_mb=$(awk -v b="$(stat -c %s "$WORK/vintages/all.db")" 'BEGIN { printf "%.1f", b / 1048576 }')
  newest_mb=$(awk -v b="$(stat -c %s "$WORK/vintages/newest.db")" 'BEGIN { printf "%.1f", b / 1048576 }')
  log "releases: imported in ${import_s}s; database ${all_mb} MB, newest release alone ${newest_mb} MB"

  start_service "$WORK/vintages/all.db"
  port=$SERVICE_PORT
  base="http://127.0.0.1:$port"
  oldest=$(sed -n 2p "$data/releases/releases.csv" | cut -d, -f2)
  wait_ok "$base/v1/releases/$oldest"
  # A figure both releases hold (a withdrawn one would answer 410 in one of them).
  for n in $(seq $(( VINTAGE_SIZE / 2 )) $(( VINTAGE_SIZE / 2 + 100 ))); do
    mid=$(printf 'obs-%07d' "$n")
    if [ "$(status_of "$base/v1/observations/$mid")" = 200 ] && [ "$(status_of "$base/v1/observations/$mid?release=$oldest")" = 200 ]; then break; fi
  done
  deep=$(( VINTAGE_SIZE / 200 ))
  declare -A cursors
  for which in current oldest; do
    pin=""; if [ "$which" = oldest ]; then pin="&release=$oldest"; fi
    cursors[$which]=$(curl -sf "$base/v1/observations?page=$(( deep - 1 ))&pageSize=100$pin" | jq -r '.links.next')
  done
  jq -nc --argjson n "$VINTAGE_SIZE" --argjson r "$VINTAGE_RELEASES" --arg c "$VINTAGE_CHANGES" --argjson s "$import_s" \
    --argjson all "$all_mb" --argjson newest "$newest_mb" \
    '{kind: "releases-import", size: $n, releases: $r, changes: $c, seconds: $s, db_mb: $all, newest_db_mb: $newest, ratio: ($all / $newest)}' >>"$RAW"
  for query in by-id list-filtered deep-cursor search-q; do
    for which in current oldest; do
      pin=""; if [ "$which" = oldest ]; then pin="release=$oldest"; fi
      matches=null
      case $query in
        by-id) url="$base/v1/observations/$mid${pin:+?$pin}" ;;
        list-filtered) url="$base/v1/observations?indicator=indicator-00&entity=entity-000&from=2000&to=2020&pageSize=20${pin:+&$pin}" ;;
        deep-cursor) url=${cursors[$which]} ;;
        # A word in one figure's quote out of 20 (the generator's qualifier "nearly"), ranked by relevance.
        search-q) url="$base/v1/observations?q=nearly${pin:+&$pin}"
                  matches=$(curl -sf "$base/v1/observations?q=nearly&pageSize=1${pin:+&$pin}" | jq '.total') ;;
      esac
      run_wrk "$url" 200 "$SCALE_CONNECTIONS" 1 "$WARMUP" bust >/dev/null
      line=$(run_wrk "$url" 200 "$SCALE_CONNECTIONS" 1 "$DURATION" bust)
      jq -c --argjson n "$VINTAGE_SIZE" --arg q "$query" --arg w "$which" --argjson c "$SCALE_CONNECTIONS" --argjson m "$matches" \
        '{kind: "releases", size: $n, query: $q, release: $w, connections: $c, matches: $m} + .' <<<"$line" >>"$RAW"
      if [ "$(jq '.socket_errors + .unexpected_status' <<<"$line")" != 0 ]; then log "FAIL releases $query $which: $line"; FAILED=1; fi
      log "releases $query $which: $(jq -r '"p50 \(.p50_us)us p99 \(.p99_us)us \(.rps) req/s"' <<<"$line")"
    done
  done
  stop_pid "$SERVICE_PID"
  rm -rf "$WORK/vintages"
fi

if [ "$OWN_WORK" = 1 ]; then log "results: $RAW"; fi
exit "$FAILED"
