-- Shared by every script. Each thread counts the statuses of its non-2xx answers; done() prints one line
-- "BENCH_JSON {...}" that bench.py parses (wrk_result): latencies in microseconds, wrk's error counts (status =
-- answers >= 400, besides socket errors) and "codes", the non-2xx answers by status.
local threads = {}
local thread_count = 0

function bench_setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
  threads[#threads + 1] = thread
end

codes = {}
function bench_count(status)
  if status < 200 or status > 299 then
    codes[status] = (codes[status] or 0) + 1
  end
end

function bench_report(summary, latency, requests)
  local all = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("codes") or {}) do
      all[status] = (all[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(all) do
    parts[#parts + 1] = string.format('"%d":%d', status, n)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"mean_us":%.1f,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"status_errors":%d,"timeouts":%d,"codes":{%s}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout, table.concat(parts, ",")))
end
