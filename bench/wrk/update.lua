-- Updates the amount of permits whose reference ids are listed one per line in LOTKEEPER_REFERENCES.
local references = {}
local counter = 0

function init(args)
  for line in io.lines(os.getenv("LOTKEEPER_REFERENCES")) do
    references[#references + 1] = line
  end
  counter = math.random(1, #references)
end

request = function()
  counter = counter + 1
  local reference = references[(counter % #references) + 1]
  local body = string.format('{"apiToken":"%s","referenceID":"%s","Amount":"%d.%02d"}',
    os.getenv("LOTKEEPER_TOKEN") or "", reference, counter % 1000 + 1, counter % 100)
  return wrk.format("POST", "/api/DEMO/v1/permits/update", { ["Content-Type"] = "application/json" }, body)
end
