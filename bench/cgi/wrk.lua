-- wrk script for bench/cgi/run.sh: cycles through the queries in
-- $VN_QUERIES, sending each as $VN_PARAM=<query> (then &$VN_EXTRA, when set)
-- to the path $VN_PATH, and prints one machine-readable RESULT line at the end.
local queries = {}
local path = os.getenv("VN_PATH") or "/"
local param = os.getenv("VN_PARAM") or "q"
local extra = os.getenv("VN_EXTRA") or ""
if extra ~= "" then extra = "&" .. extra end
local function urlenc(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", c:byte()) end))
end
for line in io.lines(os.getenv("VN_QUERIES")) do
  if line ~= "" then queries[#queries + 1] = urlenc(line) end
end
-- Each thread starts at its own place in the list, so the two threads do not
-- send the same query at the same moment.
local threads = 0
setup = function(thread)
  thread:set("first", threads * 131)
  threads = threads + 1
end
local n = 0
init = function(args)
  n = first or 0
end
request = function()
  n = n + 1
  local q = queries[(n % #queries) + 1]
  local sep = path:find("?", 1, true) and "&" or "?"
  return wrk.format("GET", path .. sep .. param .. "=" .. q .. extra)
end
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read +
              summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT rps=%.1f p50_ms=%.1f p99_ms=%.1f requests=%d errors=%d\n",
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, bad))
end
