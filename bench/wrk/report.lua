-- wrk script for bench/run.sh and bench/scale.sh.
-- Usage: wrk ... -s report.lua URL -- <expected-status> [bust] [strict]
--   expected-status: with "strict", every response's status is compared with it (wrk then hands each response to
--     Lua, which costs the load generator time per response: about a third more for a 100 KB page). Without it,
--     unexpected_status counts the responses of 400 and above (wrk counts those itself), and bench/run.sh checks
--     that the bytes per response are those of the answer it expects, which tells a 200 from a 304.
--   bust: append a unique cb=<n> query parameter to every request, so no cache keyed by URL can answer it.
-- Prints one JSON line: requests/s, latency percentiles (microseconds), bytes, socket errors, unexpected statuses.
-- request() and response() are defined only when asked for: wrk calls Lua per request or per response only then.

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  expected = tonumber(args[1] or "200")
  strict = args[3] == "strict"
  unexpected = 0
  sent = 0
  if args[2] == "bust" then
    local path = wrk.path
    local sep = string.find(path, "?", 1, true) and "&" or "?"
    request = function()
      sent = sent + 1
      return wrk.format(nil, path .. sep .. "cb=" .. id .. "-" .. sent)
    end
  end
  if strict then
    response = function(status, headers, body)
      if status ~= expected then
        unexpected = unexpected + 1
      end
    end
  end
end

function done(summary, latency, requests)
  local unexpected_total = 0
  local checked = false
  for _, t in ipairs(threads) do
    unexpected_total = unexpected_total + (t:get("unexpected") or 0)
    checked = checked or t:get("strict")
  end
  local e = summary.errors
  if not checked then
    unexpected_total = e.status
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"bytes":%d,"socket_errors":%d,"unexpected_status":%d,"statuses_checked":"%s"}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.bytes, e.connect + e.read + e.write + e.timeout, unexpected_total, checked and "each" or "4xx-5xx+size"))
end
