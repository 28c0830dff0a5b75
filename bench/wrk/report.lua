-- Prints one machine-readable line after a run: requests per second, p50 and p99 latency in milliseconds, and the
-- number of non-2xx responses, so run.sh can build its table without parsing wrk's text.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
