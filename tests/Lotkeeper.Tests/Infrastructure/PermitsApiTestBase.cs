using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lotkeeper.Domain;
using Lotkeeper.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Lotkeeper.Tests.Infrastructure;

/// <summary>
/// Base of the permits API tests: one client <c>OC-TOMA</c> with the zones <c>Lot 4</c> and <c>Lot 5</c>, request
/// bodies built from the documented push example, and assertions on the OPS-COM error envelope.
/// </summary>
/// <remarks>
/// The host's clock is set to <see cref="LotkeeperHost.DefaultNow"/> (2026-06-15 12:00 UTC), so the default push
/// (08:00 to 18:00 that day, client time zone UTC) is active now.
/// </remarks>
public abstract class PermitsApiTestBase(Backend backend, PostgresCluster cluster) : ApiTestBase(backend, cluster)
{
    public const string ClientCode = "OC-TOMA";

    public const string DefaultStart = "2026-06-15T08:00:00";

    public const string DefaultEnd = "2026-06-15T18:00:00";

    /// <summary>An override value that removes the key from the body.</summary>
    protected static readonly object Omit = new();

    private static readonly JsonSerializerOptions BodyOptions =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected ClientRecord Client { get; private set; } = null!;

    protected string Token { get; private set; } = "";

    protected IPermitStore Store => Host.Services.GetRequiredService<IPermitStore>();

    /// <summary>Adds the client <c>OC-TOMA</c> with a token that has every permission, or the given ones.</summary>
    protected async Task SetUpClientAsync(
        ZonePolicy zonePolicy = ZonePolicy.Strict,
        string timeZone = "UTC",
        Permissions permissions = Permissions.All)
    {
        (Client, Token) = await Host.AddClientAsync(ClientCode, zonePolicy, timeZone, permissions, "Lot 4", "Lot 5");
    }

    /// <summary>Posts a raw body to one endpoint of the permits API.</summary>
    protected Task<HttpResponseMessage> SendAsync(string endpoint, string body, string client = ClientCode) =>
        Host.PostJsonAsync($"/api/{client}/v1/permits/{endpoint}", body);

    /// <summary>
    /// Builds a JSON object from <paramref name="defaults"/> with <paramref name="overrides"/> applied: an override
    /// replaces the key of the same spelling, <see cref="Omit"/> removes it, a <see cref="JsonNode"/> is sent as
    /// it is and any other value is serialized (null gives JSON null).
    /// </summary>
    protected static string Body(IEnumerable<(string Key, object? Value)> defaults, params (string Key, object? Value)[] overrides)
    {
        var fields = defaults.ToList();
        foreach (var (key, value) in overrides)
        {
            var index = fields.FindIndex(field => string.Equals(field.Key, key, StringComparison.Ordinal));
            if (index >= 0)
            {
                fields.RemoveAt(index);
            }

            if (!ReferenceEquals(value, Omit))
            {
                fields.Insert(index >= 0 ? index : fields.Count, (key, value));
            }
        }

        var body = new JsonObject();
        foreach (var (key, value) in fields)
        {
            body[key] = value is JsonNode node ? node.DeepClone() : JsonSerializer.SerializeToNode(value, BodyOptions);
        }

        return body.ToJsonString(BodyOptions);
    }

    /// <summary>The documented push example with this test's token, active now, with overrides.</summary>
    protected string PushBody(params (string Key, object? Value)[] overrides) => Body(
        [
            ("apiToken", Token),
            ("LicencePlate", "ABC123"),
            ("zone", "Lot 4"),
            ("startTime", DefaultStart),
            ("endTime", DefaultEnd),
        ],
        overrides);

    protected string UpdateBody(string referenceId, params (string Key, object? Value)[] overrides) =>
        Body([("apiToken", Token), ("referenceID", referenceId)], overrides);

    protected string DeleteBody(string referenceId, params (string Key, object? Value)[] overrides) =>
        Body([("apiToken", Token), ("referenceID", referenceId)], overrides);

    protected string StatsBody(params (string Key, object? Value)[] overrides) =>
        Body([("apiToken", Token)], overrides);

    protected Task<HttpResponseMessage> PushAsync(params (string Key, object? Value)[] overrides) =>
        SendAsync("push", PushBody(overrides));

    protected Task<HttpResponseMessage> UpdateAsync(string referenceId, params (string Key, object? Value)[] overrides) =>
        SendAsync("update", UpdateBody(referenceId, overrides));

    protected Task<HttpResponseMessage> DeleteAsync(string referenceId, params (string Key, object? Value)[] overrides) =>
        SendAsync("delete", DeleteBody(referenceId, overrides));

    protected Task<HttpResponseMessage> StatsAsync(params (string Key, object? Value)[] overrides) =>
        SendAsync("stats", StatsBody(overrides));

    /// <summary>Pushes with overrides, asserts success and returns the reference id.</summary>
    protected async Task<string> PushOkAsync(params (string Key, object? Value)[] overrides)
    {
        var response = await PushAsync(overrides);
        return await AssertSuccessAsync(response);
    }

    /// <summary>Asserts a push, update or delete success (HTTP 200, both ids equal) and returns the id.</summary>
    protected static async Task<string> AssertSuccessAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        var body = document.RootElement;
        Assert.Equal("success", body.GetProperty("status").GetString());
        var referenceId = body.GetProperty("reference_id").GetString();
        Assert.NotNull(referenceId);
        Assert.Equal(referenceId, body.GetProperty("InternalReferenceID").GetString());
        return referenceId;
    }

    /// <summary>
    /// Asserts an OPS-COM error: the code, its exact message from <see cref="OpsComErrors"/>, the HTTP status
    /// (the code's default unless given) and the <c>Field</c> key (absent when <paramref name="field"/> is null).
    /// </summary>
    protected static async Task<JsonElement> AssertRejectedAsync(
        HttpResponseMessage response, int code, string? field = null, HttpStatusCode? status = null)
    {
        var body = await AssertCodeAsync(response, code, status);
        Assert.Equal(field, body.TryGetProperty("Field", out var actualField) ? actualField.GetString() : null);
        return body;
    }

    /// <summary>Asserts an OPS-COM error's code, exact message and HTTP status, whatever its <c>Field</c>.</summary>
    protected static async Task<JsonElement> AssertCodeAsync(
        HttpResponseMessage response, int code, HttpStatusCode? status = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        var body = document.RootElement.Clone();
        Assert.True(body.TryGetProperty("ErrorCode", out var actualCode), $"Not an error: {text}");
        Assert.Equal(code, actualCode.GetInt32());
        Assert.Equal(OpsComErrors.MessageOf(code), body.GetProperty("ErrorMessage").GetString());
        Assert.Equal(status ?? OpsComErrors.StatusOf(code), response.StatusCode);
        return body;
    }

    /// <summary>Counts the client's permits, deleted ones included.</summary>
    protected async Task<int> CountPermitsAsync() =>
        (await Host.Admin.ListPermitsAsync(Client.Id, includeDeleted: true, 100_000, CancellationToken.None)).Count;

    /// <summary>Finds a permit, live or deleted, by its reference id.</summary>
    protected async Task<PermitRecord> FindPermitAsync(string referenceId)
    {
        var permit = await Host.Admin.FindPermitAsync(referenceId.ToLowerInvariant(), CancellationToken.None);
        Assert.NotNull(permit);
        return permit;
    }

    /// <summary>Lists a permit's history events, oldest first.</summary>
    protected async Task<IReadOnlyList<PermitEvent>> ListEventsAsync(string referenceId)
    {
        var permit = await FindPermitAsync(referenceId);
        return await Store.ListEventsAsync(permit.Id, CancellationToken.None);
    }

    /// <summary>Parses a JSON value written as text, for override values such as numbers, arrays or objects.</summary>
    protected static JsonNode? Raw(string json) => JsonNode.Parse(json);
}
