-- Draft saves: PUT /api/v1/applications/{id}/draft with If-Match, the body from BENCH_BODY_FILE.
-- Run with as many threads as connections (-t N -c N): each thread then owns one connection and one draft
-- (of its own organisation, from BENCH_DRAFTS "id,version,token;..."), so it sends a request, reads the answer's
-- ETag and sends the next with that version: no save is refused as stale.
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(dir .. "report.lua")

setup = bench_setup -- sets `tid`, 1..threads, in each thread

local id, version, token, body, path
function init(args)
  local drafts = {}
  for d in string.gmatch(os.getenv("BENCH_DRAFTS"), "[^;]+") do
    drafts[#drafts + 1] = d
  end
  local mine = drafts[(tid - 1) % #drafts + 1]
  id, version, token = string.match(mine, "([^,]+),([^,]+),([^,]+)")
  local f = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
  body = f:read("*a")
  f:close()
  path = "/api/v1/applications/" .. id .. "/draft"
end

function request()
  return wrk.format("PUT", path, {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["If-Match"] = '"' .. version .. '"',
  }, body)
end

function response(status, headers, body)
  bench_count(status)
  local etag = headers["etag"] or headers["ETag"] or headers["Etag"]
  if etag then
    version = string.match(etag, "(%d+)") or version
  elseif status == 412 and body then -- stale (someone else saved): go on from the current version
    version = string.match(body, '"current_version":%s*(%d+)') or version
  end
end

done = bench_report
