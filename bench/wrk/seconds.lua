-- wrk script for the warm-up of bench/run.sh: responses per wall-clock second, over a mix of paths.
-- Usage: wrk ... -s seconds.lua URL -- <paths-file>
--   paths-file: one "<expected-status> <path-and-query> [<header-name>: <header-value>]" per line; the requests
--   go round the lines, so every path warms at once. A response with a status no line expects is "unexpected".
-- Prints one JSON line: the requests answered in each whole second (the first and last, partial, left out; the
-- first whole one is first_second + 1, in Unix time), the total, and the unexpected statuses.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  requests = {}
  allowed = {}
  for line in io.lines(args[1]) do
    local status, path, header = line:match("^(%d+)%s+(%S+)%s*(.*)$")
    if status then
      local headers = {}
      local name, value = header:match("^([^:]+):%s*(.+)$")
      if name then headers[name] = value end
      table.insert(requests, wrk.format("GET", path, headers))
      allowed[tonumber(status)] = true
    end
  end
  counts = {}
  unexpected = 0
  n = 0
end

function request()
  n = n + 1
  return requests[(n % #requests) + 1]
end

function response(status, headers, body)
  local second = os.time()
  counts[second] = (counts[second] or 0) + 1
  if not allowed[status] then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local total = {}
  local first, last
  local unexpected_total = 0
  for _, t in ipairs(threads) do
    for second, count in pairs(t:get("counts")) do
      total[second] = (total[second] or 0) + count
      if first == nil or second < first then first = second end
      if last == nil or second > last then last = second end
    end
    unexpected_total = unexpected_total + t:get("unexpected")
  end
  local seconds = {}
  if first ~= nil then
    for second = first + 1, last - 1 do
      table.insert(seconds, tostring(total[second] or 0))
    end
  end
  local e = summary.errors
  io.write(string.format('{"requests":%d,"socket_errors":%d,"unexpected_status":%d,"first_second":%d,"per_second":[%s]}\n',
    summary.requests, e.connect + e.read + e.write + e.timeout, unexpected_total, first or 0, table.concat(seconds, ",")))
end
