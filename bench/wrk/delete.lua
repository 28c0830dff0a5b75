-- Deletes permits whose reference ids are listed one per line in LOTKEEPER_REFERENCES. Each wrk thread takes its
-- own share of the list, so every request deletes a live permit until the list runs out. The warm-up run
-- (LOTKEEPER_WARMUP set) starts in the second half of the list, so that the measured run finds its permits live.
local references = {}
local next_index = 1
local step = 1

function setup(thread)
  thread_count = (thread_count or 0) + 1
  thread:set("first_index", thread_count)
end

function init(args)
  for line in io.lines(os.getenv("LOTKEEPER_REFERENCES")) do
    references[#references + 1] = line
  end
  next_index = first_index or 1
  if os.getenv("LOTKEEPER_WARMUP") then
    next_index = next_index + math.floor(#references / 2)
  end
  step = tonumber(os.getenv("LOTKEEPER_THREADS") or "2")
end

request = function()
  local reference = references[next_index] or "exhausted"
  next_index = next_index + step
  local body = string.format('{"apiToken":"%s","referenceID":"%s"}', os.getenv("LOTKEEPER_TOKEN") or "", reference)
  return wrk.format("POST", "/api/DEMO/v1/permits/delete", { ["Content-Type"] = "application/json" }, body)
end
