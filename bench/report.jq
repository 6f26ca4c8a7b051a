# Turns the JSON lines of one bench/run.sh into the Markdown report (jq -r -s, with $skipped and $targets).
def median: sort | if length == 0 then null elif length % 2 == 1 then .[(length - 1) / 2] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
def ms: if . == null then "-" else (. / 1000 * 100 | round / 100 | tostring) end;
def r2: if . == null then "-" else (. * 100 | round / 100 | tostring) end;
def r3: if . == null then "-" else (. * 1000 | round / 1000 | tostring) end;

. as $all
| ($all | map(select(.kind == "load"))) as $load
| ($load | map(select(.scenario == "baseline")) | map({key: (.round | tostring), value: .rps}) | from_entries) as $base
| def rps_of($s): $load | map(select(.scenario == $s)) | map({key: (.round | tostring), value: .rps}) | from_entries;
  def verdict($ok): if $ok == null then "-" elif $ok then "met" else "**missed**" end;
  "### Load: medians of the rounds",
  "",
  "Each scenario's ratio is to the baseline run just before it (A B A C ...); the baseline row is the median of all its runs.",
  "",
  "| scenario | req/s | p50 ms | p99 ms | errors + non-expected | / Kestrel baseline, per round | / baseline | target | / json-server | p99 < 10 ms |",
  "|---|---:|---:|---:|---:|---|---:|---|---:|---|",
  ($targets[] as $t
   | ($load | map(select(.scenario == $t.scenario))) as $runs
   | ($runs | map(if $t.scenario == "baseline" then 1 else .rps / (.baseline_rps // $base[.round | tostring]) end)) as $ratios
   | ($ratios | median) as $ratio
   | (if $t.peer == "-" then null else (rps_of($t.peer)) as $peer | ($runs | map(select($peer[.round | tostring] != null) | .rps / $peer[.round | tostring]) | median) end) as $vspeer
   | ($runs | map(.p99_us) | median) as $p99
   | "| \($t.scenario) | \($runs | map(.rps) | median | round) | \($runs | map(.p50_us) | median | ms) | \($p99 | ms) "
     + "| \($runs | map(.socket_errors + .unexpected_status) | add) | \(if $t.scenario == "baseline" then "-" else $ratios | map(r2) | join(" ") end) | \($ratio | r2) "
     + "| \(if $t.min == "-" then "-" else "≥ \($t.min): \(verdict($ratio >= ($t.min | tonumber)))" end) "
     + "| \(if $vspeer == null then "-" else "\($vspeer | r2) (≥ 5: \(verdict($vspeer >= 5)))" end) "
     + "| \(if $t.min == "0.8" then verdict($p99 < 10000) else "-" end) |"),
  "",
  (if ($skipped | length) > 0 then "Skipped: " + ($skipped | map("`\(.scenario)` (\(.why))") | join("; ")) + ".", "" else empty end),
  "### Start-up and memory",
  "",
  ($all | map(select(.kind == "startup") | .ms)) as $starts
  | ($all | map(select(.kind == "memory")) | first) as $mem
  | "| measure | value | target |",
  "|---|---:|---|",
  "| process start to first 200, median of 5 (ms) | \($starts | median) (runs: \($starts | map(tostring) | join(", "))) | < 1500: \(verdict(($starts | median) < 1500)) |",
  "| RSS idle after start (MB) | \($mem.idle_rss_mb // "-") | |",
  "| peak RSS over the load (MB) | \($mem.peak_rss_mb // "-") | < 150: \(if $mem == null then "-" else verdict($mem.peak_rss_mb < 150) end) |",
  "| RSS after the load (MB) | \($mem.rss_after_mb // "-") | |",
  "",
  ($all | map(select(.kind == "import"))) as $imports
  | if ($imports | length) == 0 then empty else
    ($all | map(select(.kind == "scale"))) as $scale
    | ($imports | map(.size) ) as $sizes
    | ($sizes | min) as $small | ($sizes | max) as $large
    | "### Scale: synthetic datasets, cache defeated (unique cb= per request), \($scale[0].connections // "-") connections",
      "",
      "| size | import s | database MB | sources | peak RSS serving (MB) | RSS at the end, by kind (MB) |",
      "|---:|---:|---:|---:|---:|---|",
      ($imports[] as $i | "| \($i.size) | \($i.seconds | r2) | \($i.db_mb | r2) | \($i.sources) | \($i.peak_rss_mb // "-") | \($i.rss_parts_mb // "-") |"),
      "",
      "| query | " + ($sizes | map("\(.) p50 / p99 ms") | join(" | ")) + " | p50 \($large) / \($small) | target ≤ 2 |",
      "|---|" + ($sizes | map("---:") | join("|")) + "|---:|---|",
      ($scale | map(.query) | unique[] as $q
       | ($scale | map(select(.query == $q))) as $rows
       | def at($n): $rows | map(select(.size == $n)) | first;
         (if at($large).p50_us != null and at($small).p50_us != null then at($large).p50_us / at($small).p50_us else null end) as $growth
       | "| \($q) | " + ($sizes | map(. as $n | at($n) | if . == null then "-" elif .note then .note else "\(.p50_us | ms) / \(.p99_us | ms)" end) | join(" | "))
         + " | \($growth | r2) | \(if ($q | test("page=")) then "(offset paging: reported)" elif $growth == null then "-" else verdict($growth <= 2) end) |"),
      "",
      "Targets at \($large): import < 60 s: \(verdict(($imports | map(select(.size == $large)) | first | .seconds) < 60)); RSS serving < 200 MB: \(verdict((($imports | map(select(.size == $large)) | first | .peak_rss_mb) // 0) < 200))."
    end
  ,
  "",
  ($all | map(select(.kind == "releases-import")) | first) as $ri
  | if $ri == null then empty else
    ($all | map(select(.kind == "releases"))) as $rel
    | "### Releases: \($ri.releases) published releases of \($ri.size) figures, \($ri.changes) of them changed by each, in one database",
      "",
      "| import s | database MB | newest release alone MB | ratio | targets |",
      "|---:|---:|---:|---:|---|",
      "| \($ri.seconds) | \($ri.db_mb) | \($ri.newest_db_mb) | \($ri.ratio | r3) | import < 180 s: \(verdict($ri.seconds < 180)); ratio ≤ 1.3: \(verdict($ri.ratio <= 1.3)) |",
      "",
      "| query (cache defeated, \($rel[0].connections // "-") connections) | current p50 / p99 ms | oldest release p50 / p99 ms | p50 oldest / current | target ≤ 1.5 |",
      "|---|---:|---:|---:|---|",
      ($rel | map(.query) | unique[] as $q
       | ($rel | map(select(.query == $q and .release == "current")) | first) as $c
       | ($rel | map(select(.query == $q and .release == "oldest")) | first) as $o
       | ($o.p50_us / $c.p50_us) as $ratio
       | "| \($q) | \($c.p50_us | ms) / \($c.p99_us | ms) | \($o.p50_us | ms) / \($o.p99_us | ms) | \($ratio | r2) | \(verdict($ratio <= 1.5)) |")
    end
