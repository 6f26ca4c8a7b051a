-- wrk script for bench/run.sh and bench/scale.sh.
-- Usage: wrk ... -s report.lua URL -- <expected-status> [bust]
--   expected-status: responses with any other status count as "unexpected" (the run fails on any).
--   bust: append a unique cb=<n> query parameter to every request, so no cache keyed by URL can answer it.
-- Prints one JSON line: requests/s, latency percentiles (microseconds), socket errors, unexpected statuses.

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  expected = tonumber(args[1] or "200")
  bust = args[2] == "bust"
  unexpected = 0
  sent = 0
  path = wrk.path
  sep = string.find(path, "?", 1, true) and "&" or "?"
end

function request()
  if bust then
    sent = sent + 1
    return wrk.format(nil, path .. sep .. "cb=" .. id .. "-" .. sent)
  end
  return wrk.request()
end

function response(status, headers, body)
  if status ~= expected then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local unexpected_total = 0
  for _, t in ipairs(threads) do
    unexpected_total = unexpected_total + (t:get("unexpected") or 0)
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"bytes":%d,"socket_errors":%d,"unexpected_status":%d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.bytes, e.connect + e.read + e.write + e.timeout, unexpected_total))
end
