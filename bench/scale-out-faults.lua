-- wrk script for the fault phase of bench/scale-out.sh: GETs over a mix of API URLs, each with a unique cb=
-- (the API ignores unknown query parameters), so nginx's cache, keyed by the URL, answers none of them and every
-- request reaches a replica: a kill can only go unnoticed if nginx really passes the request to the other one.
-- Prints one JSON line at the end: what the client saw (requests, socket errors, statuses of 400 and above).
local paths = {
  "/v1/observations/china-gdp-2023-cny",
  "/v1/observations/multan-sukkur-motorway-travel-time-cut",
  "/v1/observations?indicator=gdp",
  "/v1/indicators",
  "/v1/releases/latest",
}

local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

local sent = 0

-- id (thread) and sent (per thread) make cb unique across threads; the run's token keeps it unique across runs
-- against the same nginx cache.
function init(args)
  token = args[1] or "0"
end

function request()
  sent = sent + 1
  local path = paths[(sent % #paths) + 1]
  local sep = string.find(path, "?", 1, true) and "&" or "?"
  return wrk.format("GET", path .. sep .. "cb=" .. token .. "-" .. id .. "-" .. sent)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d,' ..
    '"status_400_or_more":%d,"latency_p50_ms":%.2f,"latency_p99_ms":%.2f,"latency_max_ms":%.2f}\n',
    summary.requests, summary.duration / 1e6, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
