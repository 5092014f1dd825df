-- rotate.lua: each request takes the next path from the file named by env YICI_BENCH_PATHS
-- (one path per line), so that a run covers a mix of queries instead of one cached answer.
-- Each wrk thread starts at its own offset (thread k of n at k/n of the list), so that with a
-- list longer than a run no path is asked twice.
-- The paths are kept in chunks of 1,000: LuaJIT's collector marks a table in one step, and one
-- table of 500,000 paths stalled the client thread for milliseconds at a time (measured as
-- server latency it was not).
local counter = 0
setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local CHUNK = 1000
local chunks, n = {}, 0
local i = 0
init = function(args)
  for line in io.lines(os.getenv("YICI_BENCH_PATHS")) do
    if #line > 0 then
      local c = math.floor(n / CHUNK) + 1
      if not chunks[c] then chunks[c] = {} end
      chunks[c][n % CHUNK + 1] = line
      n = n + 1
    end
  end
  local threads = tonumber(os.getenv("YICI_BENCH_THREADS") or "2")
  i = math.floor((tonumber(id) or 0) * n / threads)
end

request = function()
  if i >= n then i = 0 end
  local p = chunks[math.floor(i / CHUNK) + 1][i % CHUNK + 1]
  i = i + 1
  return wrk.format("GET", p)
end
