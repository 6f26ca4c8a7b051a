# The per-stage account from bench/stages.sh's JSON lines (jq -r -s): for each stage and path, the median over the
# rounds of (full pipeline - pipeline without the stage) in server CPU µs per request, with the rounds' spread.
def median: sort | if length == 0 then null elif length % 2 == 1 then .[(length - 1) / 2] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
def r1: if . == null then "-" else (. * 10 | round / 10 | tostring) end;
def names: {
  "request-ids": "request ids (X-Request-Id, the caller's id as a log scope)",
  "security-headers": "security headers (nosniff, CORS on errors)",
  "problems": "exception handler and status-code pages",
  "limits": "limits (URL and header sizes, forwarded headers, concurrency limiter, time limit)",
  "method-checks": "HEAD as GET, MCP guards, 405 for other methods",
  "release-stamp": "release stamp (CORS, the database file's stat, release=/asOf=, X-Dataset-Release)",
  "conditional-get": "conditional GET (ETag digest, validators; 304s)",
  "known-parameters": "query parameters checked against the OpenAPI document",
  "log-scope": "the host's log scope and activity per request",
  "all": "all of the above at once"
};

map(select(.kind == "stage")) as $runs
| ($runs | map(.path) | unique) as $paths
| ($runs | map(.variant) | unique) as $variants
| def pairs($v; $p): $runs | map(select(.variant == $v and .path == $p)) | group_by(.round)
    | map({full: (map(select(.run == "full")) | first), off: (map(select(.run != "full")) | first)})
    | map(select(.full != null and .off != null));
  def cell($v; $p):
    (pairs($v; $p) | map(.full.server_cpu_us - .off.server_cpu_us)) as $d
    | if ($d | length) == 0 then "-" else
      ($d | median) as $m | ((($d | max) - ($d | min)) / 2) as $spread
      | if ($m | fabs) <= $spread then "< noise (± \($spread | r1))" else "\($m | r1) (± \($spread | r1))" end
      end;
  "| stage left out | " + ($paths | map("\(.): µs per request") | join(" | ")) + " |",
  "|---|" + ($paths | map("---:") | join("|")) + "|",
  ($variants[] as $v | "| \(names[$v] // $v) | " + ($paths | map(cell($v; .)) | join(" | ")) + " |"),
  "| *the full pipeline: server CPU µs per request (median of its runs)* | "
    + ($paths | map(. as $p | $runs | map(select(.path == $p and .run == "full") | .server_cpu_us) | median | r1) | join(" | ")) + " |",
  "| *with everything above left out* | "
    + ($paths | map(. as $p | $runs | map(select(.path == $p and .variant == "all" and .run == "all") | .server_cpu_us) | median | r1) | join(" | ")) + " |"
