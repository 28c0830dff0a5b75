// The benchmark's baseline: a minimal Kestrel app that parses the same JSON bodies and writes the same response
// shapes as Lotkeeper, with no storage, authentication or validation. Its throughput is this machine's HTTP limit.
using System.Text.Json;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

app.MapPost("/api/{client}/v1/permits/{operation}", async (HttpRequest request) =>
{
    using var document = await JsonDocument.ParseAsync(request.Body);
    var root = document.RootElement;
    if (root.ValueKind != JsonValueKind.Object)
    {
        return Results.Json(new Dictionary<string, object> { ["ErrorCode"] = 9003 }, statusCode: 400);
    }

    var referenceId = Guid.CreateVersion7().ToString("D");
    return Results.Json(new Dictionary<string, string>
    {
        ["status"] = "success",
        ["reference_id"] = referenceId,
        ["InternalReferenceID"] = referenceId,
    });
});

app.MapGet("/v1/{client}/validity", (string plate) => Results.Json(new Dictionary<string, object?>
{
    ["valid"] = false,
    ["plate"] = plate,
    ["normalizedPlate"] = plate.ToUpperInvariant(),
    ["matches"] = Array.Empty<object>(),
    ["recentlyExpired"] = null,
    ["explanation"] = "No permit matches this plate.",
}));

app.MapGet("/health/live", () => "ok");
app.Run();
