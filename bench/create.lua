-- wrk script for bench/create.sh: every request creates a new callback (its own customer name,
-- a due time 7 to 8 days ahead), authenticated with an API token.
--   wrk -t2 -c16 -d60s -s bench/create.lua URL -- QUEUE_ID TOKEN FIRST_DUE_EPOCH_S LABEL
local threads = {}
local next_thread = 0

function setup(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

function init(args)
  queue = args[1]
  token = args[2]
  first_due = tonumber(args[3])
  label = args[4] or "wrk"
  counter = 0
  headers = {
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }
end

function request()
  counter = counter + 1
  local at = os.date("!%Y-%m-%dT%H:%M:%SZ", first_due + (counter * 7 + tid) % 86400)
  local body = string.format(
    '{"queueId":%s,"phoneNumber":"+33142685300","customerName":"%s %d-%d","scheduledAt":"%s"}',
    queue, label, tid, counter, at)
  return wrk.format("POST", "/api/v1/callbacks", headers, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rate=%.0f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f"
      .. " non2xx=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout))
end
