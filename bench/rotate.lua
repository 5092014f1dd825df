-- rotate.lua: each request takes the next path from the file named by env YICI_BENCH_PATHS
-- (one path per line), so that a run covers a mix of queries instead of one cached answer.
local paths = {}
local file = os.getenv("YICI_BENCH_PATHS")
for line in io.lines(file) do
  if #line > 0 then paths[#paths + 1] = line end
end
local i = 0
request = function()
  i = i + 1
  if i > #paths then i = 1 end
  return wrk.format("GET", paths[i])
end
