-- A camera-heavy mix: 70 % validity lookups of generated plates, 25 % pushes of new permits and 5 % updates of
-- permits listed one per line in LOTKEEPER_REFERENCES.
local references = {}
local counter = 0
local thread_tag = ""

function setup(thread)
  thread:set("thread_id", tostring(math.random(100000, 999999)))
end

function init(args)
  for line in io.lines(os.getenv("LOTKEEPER_REFERENCES")) do
    references[#references + 1] = line
  end
  thread_tag = thread_id or tostring(math.random(100000, 999999))
  counter = math.random(0, 1000000)
end

request = function()
  counter = counter + 1
  local token = os.getenv("LOTKEEPER_TOKEN") or ""
  local roll = counter % 20
  if roll < 14 then
    local plate = string.format("GEN%07d", (counter * 7919) % tonumber(os.getenv("LOTKEEPER_PLATES") or "1000000"))
    return wrk.format("GET", "/v1/DEMO/validity?plate=" .. plate, { ["Authorization"] = "Bearer " .. token })
  elseif roll < 19 then
    local body = string.format(
      '{"apiToken":"%s","LicencePlate":"M%s%d","zone":"Zone %d","endTime":"2036-01-01T00:00:00Z"}',
      token, thread_tag, counter, counter % 100 + 1)
    return wrk.format("POST", "/api/DEMO/v1/permits/push", { ["Content-Type"] = "application/json" }, body)
  else
    local reference = references[(counter % #references) + 1]
    local body = string.format('{"apiToken":"%s","referenceID":"%s","Amount":"%d.00"}', token, reference, counter % 900 + 1)
    return wrk.format("POST", "/api/DEMO/v1/permits/update", { ["Content-Type"] = "application/json" }, body)
  end
end
