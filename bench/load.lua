-- wrk script for bench/load.py. Each connection is one signed-in reader: wrk runs one thread
-- per connection, and each thread sends its own session cookie (LOAD_COOKIES, comma-separated).
-- At the end it prints one JSON line: requests, latency percentiles (microseconds) and errors.

local cookies = {}
for cookie in string.gmatch(os.getenv("LOAD_COOKIES") or "", "[^,]+") do
  table.insert(cookies, cookie)
end
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("cookie", cookies[(#threads - 1) % #cookies + 1])
end

function init(args)
  wrk.headers["Cookie"] = cookie
  not_ok = 0
end

function response(status, headers, body)
  -- A signed-out reader is redirected to the sign-in page: that is a failure here, not a page.
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local not_ok = 0
  for _, thread in ipairs(threads) do
    not_ok = not_ok + thread:get("not_ok")
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
      .. '"max_us": %d, "not_ok": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, not_ok,
    errors.connect + errors.read + errors.write + errors.timeout
  ))
end
