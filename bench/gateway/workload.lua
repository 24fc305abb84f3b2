-- wrk script for bench/gateway/run.sh: awsJson1_0 POSTs to / with the bodies named by
-- the workload file in $GATEWAY_WORKLOAD, one line per request kind:
--
--   <weight> <X-Amz-Target> <body file>
--
-- One kind: wrk's static request (wrk.method/body/headers, formatted once).
-- Several kinds: request() cycles through a precomputed list in which each kind appears
-- <weight> times, spread evenly (e.g. 9 accepted + 1 rejected = 90 % / 10 %).

local spec = os.getenv("GATEWAY_WORKLOAD")
assert(spec, "GATEWAY_WORKLOAD is not set")

local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local data = f:read("*a")
  f:close()
  return data
end

local kinds = {}
for line in io.lines(spec) do
  local weight, target, file = line:match("^%s*(%d+)%s+(%S+)%s+(%S+)%s*$")
  if weight then
    kinds[#kinds + 1] = { weight = tonumber(weight), target = target, body = slurp(file) }
  end
end
assert(#kinds > 0, "no request kinds in " .. spec)

wrk.method = "POST"
wrk.path = "/"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"

if #kinds == 1 then
  -- Static request: wrk formats it once (after its own init() has set Host).
  wrk.headers["X-Amz-Target"] = kinds[1].target
  wrk.body = kinds[1].body
else
  local requests, n = {}, 0

  -- wrk.init() (which sets the Host header) calls this global init() per thread.
  function init(args)
    local total = 0
    for _, k in ipairs(kinds) do total = total + k.weight end
    -- Smooth weighted round robin: kinds interleave instead of coming in runs.
    local current = {}
    for i = 1, #kinds do current[i] = 0 end
    for _ = 1, total do
      local best
      for i, k in ipairs(kinds) do
        current[i] = current[i] + k.weight
        if not best or current[i] > current[best] then best = i end
      end
      current[best] = current[best] - total
      local k = kinds[best]
      requests[#requests + 1] = wrk.format("POST", "/", {
        ["Host"] = wrk.headers["Host"],
        ["Content-Type"] = "application/x-amz-json-1.0",
        ["X-Amz-Target"] = k.target,
      }, k.body)
    end
  end

  function request()
    n = n % #requests + 1
    return requests[n]
  end
end
