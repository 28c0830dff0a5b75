-- Asks the native enforcement API whether a random generated plate may park now.
local counter = 0

function init(args)
  counter = math.random(0, 1000000)
end

request = function()
  counter = counter + 7919
  local plate = string.format("GEN%07d", counter % tonumber(os.getenv("LOTKEEPER_PLATES") or "1000000"))
  return wrk.format("GET", "/v1/DEMO/validity?plate=" .. plate, { ["Authorization"] = "Bearer " .. (os.getenv("LOTKEEPER_TOKEN") or "") })
end
