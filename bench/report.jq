# Turns the JSON lines of one bench/run.sh into the Markdown report (jq -r -s, with $skipped and $scenarios).
def median: sort | if length == 0 then null elif length % 2 == 1 then .[(length - 1) / 2] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
def ms: if . == null then "-" else (. / 1000 * 100 | round / 100 | tostring) end;
def r1: if . == null then "-" else (. * 10 | round / 10 | tostring) end;
def r2: if . == null then "-" else (. * 100 | round / 100 | tostring) end;
def r3: if . == null then "-" else (. * 1000 | round / 1000 | tostring) end;
def verdict($ok): if $ok == null then "not measured" elif $ok then "met" else "**missed**" end;

. as $all
| ($all | map(select(.kind == "load"))) as $load
| def runs($s; $role): $load | map(select(.scenario == $s and .role == $role));
  def at($s; $role; $r): $load | map(select(.scenario == $s and .role == $role and .round == $r)) | first;
  # Per round, the service's requests/s over the ceiling's run beside it.
  def ratios($s; $role): runs($s; "service") | map(. as $x | at($s; $role; $x.round) | if . == null then empty else $x.rps / .rps end);
  def cpu_ratios($s; $role): runs($s; "service") | map(. as $x | at($s; $role; $x.round) | if . == null then empty else .server_cpu_us / $x.server_cpu_us end);
  def peer_ratios($s; $peer): runs($s; "service") | map(. as $x | at($peer; "json-server"; $x.round) | if . == null then empty else $x.rps / .rps end);
  ($scenarios | map(select(.server == "service"))) as $service
| ($all | map(select(.kind == "warmup"))) as $warmups
| ($warmups | map(select(.server == "service")) | first) as $sw
| ($all | map(select(.kind == "startup"))) as $starts
| ($starts | map(select(.server == "service") | .ms) | median) as $startup
| ($starts | map(select(.server == "ceiling") | .ms) | median) as $ceiling_startup
| (if $sw == null or $sw.steady == null then null else ($sw.load_from_ms // $sw.first_answer_ms) / 1000 + $sw.steady end) as $to_steady
| ($all | map(select(.kind == "releases" and .query == "search-q" and .release == "current")) | first) as $search20
| ($all | map(select(.kind == "scale" and .query == "search-q" and .size == 1000000)) | first) as $search1m
| ($all | map(select(.kind == "releases-import")) | first) as $ri
| "### Targets",
  "",
  "Pinned (servers on one CPU, wrk on the other), medians of \($load | map(.round) | max // 0) rounds, \($connections) connections; the ratio is the service's requests/s over the ceiling's (Kestrel answering the same status, content type and body) in the run beside it.",
  "",
  "| target | measured | verdict |",
  "|---|---:|---|",
  ($service[] | select(.target != "-") | . as $t | (ratios($t.scenario; "ceiling-body") | median) as $r
   | "| \($t.scenario) ≥ \($t.target)× the ceiling | \($r | r2)× | \(verdict(if $r == null then null else $r >= ($t.target | tonumber) end)) |"),
  ($service[] | select(.peer != "-") | . as $t | (peer_ratios($t.scenario; $t.peer) | median) as $r
   | "| \($t.scenario) ≥ 10× json-server (\($t.peer)) | \($r | r1)× | \(verdict(if $r == null then null else $r >= 10 end)) |"),
  "| start-up to the first 200, unpinned, median (ms) | \($startup // "-") (the ceiling's: \($ceiling_startup // "-")) | \(verdict(if $startup == null then null else $startup <= 600 end)) |",
  "| start to steady throughput under load, one core (s) | \($to_steady | r1) | \(verdict(if $sw == null then null elif $to_steady == null then false else $to_steady <= 10 end)) |",
  "| q= for a term in 5% of 1M figures, \($ri.releases // "-") releases, p50, cache defeated (ms) | \($search20.p50_us | ms) | \(verdict(if $search20 == null then null else $search20.p50_us <= 30000 end)) |",
  "",
  (if ($skipped | length) > 0 then "Not measured: " + ($skipped | map("`\(.scenario)` (\(.why))") | join("; ")) + ".", "" else empty end),
  "### Load",
  "",
  "Per scenario, the service's requests/s and latency; its ratio to the ceiling per round and the median; the ratio to the ceiling that also writes the service's response headers; the server CPU time per request (from /proc: every thread of the process, so work of other processes on the core does not count) of the service and of the ceiling.",
  "",
  "| scenario | req/s | p50 ms | p99 ms | failed + unexpected | / ceiling, per round | / ceiling | / ceiling with headers | service CPU µs | ceiling CPU µs (with headers) | / json-server |",
  "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
  ($service[] as $t
   | runs($t.scenario; "service") as $runs
   | "| \($t.scenario) | \($runs | map(.rps) | median | round? // "-") | \($runs | map(.p50_us) | median | ms) | \($runs | map(.p99_us) | median | ms) "
     + "| \($load | map(select(.scenario == $t.scenario or (.role == "json-server" and .scenario == $t.peer))) | map(.socket_errors + .unexpected_status) | add // 0) "
     + "| \(ratios($t.scenario; "ceiling-body") | map(r2) | join(" ")) | \(ratios($t.scenario; "ceiling-body") | median | r2) "
     + "| \(ratios($t.scenario; "ceiling-headers") | median | r2) "
     + "| \($runs | map(.server_cpu_us) | median | r1) | \(runs($t.scenario; "ceiling-body") | map(.server_cpu_us) | median | r1) (\(runs($t.scenario; "ceiling-headers") | map(.server_cpu_us) | median | r1)) "
     + "| \(if $t.peer == "-" then "-" else peer_ratios($t.scenario; $t.peer) | median | r1 end) |"),
  "",
  "Paths: " + ($service | map("`\(.scenario)` \(.path)") | join("; ")) + ".",
  "The load generator's CPU share, highest of any run: \($load | map(.load_cpu_share) | max | r2) of its core (below 1: the servers, not wrk, set the pace).",
  "",
  "### Warm-up",
  "",
  "Steady: the first second after which every 1-second window stays within 10% of the median of seconds 30–60, under the load of every scenario of that server in turn.",
  "",
  "| server | first answer after start (ms) | steady after (s of load) | steady req/s (median of s 30–60) | start to steady (s) |",
  "|---|---:|---:|---:|---:|",
  ($warmups[] | "| \(.server) | \(.first_answer_ms // "-") | \(.steady // "not within the run") | \(.steady_median // "-") | \(if .server == "service" then ($to_steady | r1) else "-" end) |"),
  "",
  "### Start-up and memory",
  "",
  "| measure | value |",
  "|---|---:|",
  "| service: process start to the first 200 of a figure, unpinned, median (ms) | \($startup // "-") (runs: \($starts | map(select(.server == "service") | .ms | tostring) | join(", "))) |",
  "| ceiling: the same (ms) | \($ceiling_startup // "-") (runs: \($starts | map(select(.server == "ceiling") | .ms | tostring) | join(", "))) |",
  ($all | map(select(.kind == "memory")) | first) as $mem
  | "| RSS idle after start / peak over the load / after (MB) | \($mem.idle_rss_mb // "-") / \($mem.peak_rss_mb // "-") / \($mem.rss_after_mb // "-") |",
  "",
  ($all | map(select(.kind == "import"))) as $imports
  | if ($imports | length) == 0 then empty else
    ($all | map(select(.kind == "scale"))) as $scale
    | ($imports | map(.size) ) as $sizes
    | ($sizes | min) as $small | ($sizes | max) as $large
    | "### Scale: synthetic datasets, cache defeated (unique cb= per request), \($scale[0].connections // "-") connections, servers pinned as above",
      "",
      "| size | import s | database MB | sources | peak RSS serving (MB) | RSS at the end, by kind (MB) |",
      "|---:|---:|---:|---:|---:|---|",
      ($imports[] as $i | "| \($i.size) | \($i.seconds | r2) | \($i.db_mb | r2) | \($i.sources) | \($i.peak_rss_mb // "-") | \($i.rss_parts_mb // "-") |"),
      "",
      "| query | " + ($sizes | map("\(.) p50 / p99 ms") | join(" | ")) + " | p50 \($large) / \($small) |",
      "|---|" + ($sizes | map("---:") | join("|")) + "|---:|",
      ($scale | map(.query) | unique[] as $q
       | ($scale | map(select(.query == $q))) as $rows
       | def at($n): $rows | map(select(.size == $n)) | first;
         (if at($large).p50_us != null and at($small).p50_us != null then at($large).p50_us / at($small).p50_us else null end) as $growth
       | "| \($q) | " + ($sizes | map(. as $n | at($n) | if . == null then "-" elif .note then .note else "\(.p50_us | ms) / \(.p99_us | ms)" end) | join(" | "))
         + " | \($growth | r2) |"),
      ""
    end,
  if $ri == null then empty else
    ($all | map(select(.kind == "releases"))) as $rel
    | "### Releases: \($ri.releases) published releases of \($ri.size) figures, \($ri.changes) of them changed by each, in one database",
      "",
      "| import s | database MB | newest release alone MB | ratio |",
      "|---:|---:|---:|---:|",
      "| \($ri.seconds) | \($ri.db_mb) | \($ri.newest_db_mb) | \($ri.ratio | r3) |",
      "",
      "| query (cache defeated, \($rel[0].connections // "-") connections) | current p50 / p99 ms | oldest release p50 / p99 ms | p50 oldest / current |",
      "|---|---:|---:|---:|",
      ($rel | map(.query) | unique[] as $q
       | ($rel | map(select(.query == $q and .release == "current")) | first) as $c
       | ($rel | map(select(.query == $q and .release == "oldest")) | first) as $o
       | "| \($q)\(if $c.matches then " (\($c.matches) matches)" else "" end) | \($c.p50_us | ms) / \($c.p99_us | ms) | \($o.p50_us | ms) / \($o.p99_us | ms) | \(if $o == null or $c == null then "-" else $o.p50_us / $c.p50_us | r2 end) |"),
      ""
  end
