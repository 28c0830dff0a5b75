-- Asks for the stats of every zone.
request = function()
  local body = string.format('{"apiToken":"%s"}', os.getenv("LOTKEEPER_TOKEN") or "")
  return wrk.format("POST", "/api/DEMO/v1/permits/stats", { ["Content-Type"] = "application/json" }, body)
end
