-- Pushes a new permit per request: each wrk thread numbers its own plates and permit numbers, so no two requests
-- repeat one and the server does the full create path every time.
local counter = 0
local thread_tag = ""

function setup(thread)
  thread:set("thread_id", tostring(math.random(100000, 999999)))
end

function init(args)
  thread_tag = thread_id or tostring(math.random(100000, 999999))
end

request = function()
  counter = counter + 1
  local body = string.format(
    '{"apiToken":"%s","Amount":"14.50","LicencePlate":"P%s%d","zone":"Lot %d","permitNo":"%s-%d",'
      .. '"startTime":"2026-01-01T00:00:00Z","endTime":"2036-01-01T00:00:00Z"}',
    os.getenv("LOTKEEPER_TOKEN") or "", thread_tag, counter, counter % 100, thread_tag, counter)
  return wrk.format("POST", "/api/DEMO/v1/permits/push", { ["Content-Type"] = "application/json" }, body)
end
