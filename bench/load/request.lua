-- One wrk request shape for bench/load: method, body, cookie and JSON headers from the
-- environment (LOAD_METHOD, LOAD_BODY, LOAD_COOKIE).
wrk.method = os.getenv("LOAD_METHOD") or "GET"
local body = os.getenv("LOAD_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
local cookie = os.getenv("LOAD_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
wrk.headers["Accept"] = "application/json"

-- Counts answers by status, so that errors are never measured as speed.
local statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("LOAD reqs=%d secs=%.3f p50=%.3f p99=%.3f errors=%d\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.status + summary.errors.timeout))
end
