-- wrk script for bench/cgi/run.sh: cycles through the queries in
-- $VN_QUERIES, sending each as $VN_PARAM=<query> to the path $VN_PATH, and
-- prints one machine-readable RESULT line at the end.
local queries = {}
local path = os.getenv("VN_PATH") or "/"
local param = os.getenv("VN_PARAM") or "q"
local function urlenc(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", c:byte()) end))
end
for line in io.lines(os.getenv("VN_QUERIES")) do
  if line ~= "" then queries[#queries + 1] = urlenc(line) end
end
local n = 0
request = function()
  n = n + 1
  local q = queries[(n % #queries) + 1]
  local sep = path:find("?", 1, true) and "&" or "?"
  return wrk.format("GET", path .. sep .. param .. "=" .. q)
end
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read +
              summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT rps=%.1f p50_ms=%.1f p99_ms=%.1f requests=%d errors=%d\n",
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, bad))
end
