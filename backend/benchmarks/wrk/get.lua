-- GET the paths of BENCH_PATHS ("|"-separated) in turn, with the bearer token BENCH_TOKEN.
-- Several paths make one page load (the review queue: its list and its stage totals).
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(dir .. "report.lua")

local paths, n, token = {}, 0, os.getenv("BENCH_TOKEN")
for p in string.gmatch(os.getenv("BENCH_PATHS") or "/", "[^|]+") do
  paths[#paths + 1] = p
end

function request()
  n = n % #paths + 1
  local headers = { ["Accept"] = "application/json" }
  if token and token ~= "" then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("GET", paths[n], headers)
end

setup = bench_setup
response = function(status) bench_count(status) end
done = bench_report
