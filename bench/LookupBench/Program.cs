using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

// Measures the latency of GET /v1/{client}/validity on a running server: one request at a time, half of them for
// plates of running permits (from the generator's sample file) and half for plates that match nothing.
// Usage: LookupBench BASE-URL CLIENT TOKEN SAMPLE-FILE LOOKUPS
if (args.Length != 5)
{
    await Console.Error.WriteLineAsync("Usage: LookupBench BASE-URL CLIENT TOKEN SAMPLE-FILE LOOKUPS");
    return 2;
}

var (baseUrl, client, token, samplePath) = (args[0], args[1], args[2], args[3]);
var lookups = int.Parse(args[4], CultureInfo.InvariantCulture);
var known = await File.ReadAllLinesAsync(samplePath);
if (known.Length == 0)
{
    await Console.Error.WriteLineAsync($"The sample file {samplePath} lists no plates.");
    return 2;
}

using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
var random = new Random(42);

string NextPlate(int i) => i % 2 == 0
    ? known[random.Next(known.Length)]
    : "MISS" + random.Next(1_000_000).ToString("D6", CultureInfo.InvariantCulture);

// Warm-up: JIT, connection pool and the database's page cache.
for (var i = 0; i < 200; i++)
{
    using var warmUp = await http.GetAsync($"/v1/{client}/validity?plate={NextPlate(i)}");
    warmUp.EnsureSuccessStatusCode();
}

var timings = new double[lookups];
var validCount = 0;
var total = Stopwatch.StartNew();
for (var i = 0; i < lookups; i++)
{
    var started = Stopwatch.GetTimestamp();
    using var response = await http.GetAsync($"/v1/{client}/validity?plate={NextPlate(i)}");
    var body = await response.Content.ReadAsStringAsync();
    timings[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    response.EnsureSuccessStatusCode();
    if (body.Contains("\"valid\":true", StringComparison.Ordinal))
    {
        validCount++;
    }
}

total.Stop();
Array.Sort(timings);
double Percentile(double p) => timings[Math.Min(timings.Length - 1, (int)Math.Ceiling(p * timings.Length) - 1)];
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"lookups={lookups} valid={validCount} median_ms={Percentile(0.50):F2} p99_ms={Percentile(0.99):F2} "
    + $"max_ms={timings[^1]:F2} per_second={lookups / total.Elapsed.TotalSeconds:F0}"));
return 0;
