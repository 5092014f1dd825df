-- rotate.lua: each request takes the next path from the file named by env YICI_BENCH_PATHS
-- (one path per line), so that a run covers a mix of queries instead of one cached answer.
-- Each wrk thread starts at its own offset (thread k of n at k/n of the list), so that with a
-- list longer than a run no path is asked twice.
local counter = 0
setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local paths = {}
local i = 0
init = function(args)
  for line in io.lines(os.getenv("YICI_BENCH_PATHS")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  local n = tonumber(os.getenv("YICI_BENCH_THREADS") or "2")
  i = math.floor((tonumber(id) or 0) * #paths / n)
end

request = function()
  i = i + 1
  if i > #paths then i = 1 end
  return wrk.format("GET", paths[i])
end
