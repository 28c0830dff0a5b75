using System.Net.Http.Headers;
using System.Text.Json;
using Lotkeeper.Domain;
using Lotkeeper.Storage;

namespace Lotkeeper.Tests.Infrastructure;

/// <summary>
/// Base of the enforcement API tests: a client with zones and a token of every permission, and helpers that push,
/// update and delete through the OPS-COM Permits API and read through the enforcement APIs.
/// </summary>
public abstract class EnforcementTestBase(Backend backend, PostgresCluster cluster) : ApiTestBase(backend, cluster)
{
    protected const string ClientCode = "OC-ENF";

    protected ClientRecord Owner { get; private set; } = null!;

    /// <summary>A token of <see cref="ClientCode"/> with every permission.</summary>
    protected string Token { get; private set; } = "";

    /// <summary>
    /// Adds <see cref="ClientCode"/> with a grace period, a recently expired window of 15 minutes and zones given as
    /// <c>name</c> or <c>name@time/zone</c>.
    /// </summary>
    protected async Task SetUpClientAsync(TimeSpan grace, string timeZone, params string[] zones)
    {
        var now = Host.Clock.GetUtcNow();
        Owner = await Host.Admin.AddClientAsync(
            new ClientRecord(
                0,
                ClientCode,
                "Enforcement test",
                timeZone,
                "CAD",
                ZonePolicy.Strict,
                grace,
                TimeSpan.FromMinutes(15),
                now),
            CancellationToken.None);
        foreach (var zone in zones)
        {
            var parts = zone.Split('@');
            var zoneTimeZone = parts.Length > 1 ? parts[1] : null;
            await Host.Admin.AddZoneAsync(Owner.Id, parts[0], zoneTimeZone, now, CancellationToken.None);
        }

        (_, Token) = await Host.IssueTokenAsync(Owner.Id, Permissions.All);
    }

    protected Task SetUpClientAsync(params string[] zones) => SetUpClientAsync(TimeSpan.Zero, "UTC", zones);

    /// <summary>Pushes a permit and returns its reference id, failing the test when the push fails.</summary>
    protected async Task<string> PushAsync(string plate, string zone, string start, string end)
    {
        var response = await Host.PostAsync(
            $"/api/{ClientCode}/v1/permits/push",
            new Dictionary<string, string>
            {
                ["apiToken"] = Token, ["plate"] = plate, ["zone"] = zone, ["startTime"] = start, ["endTime"] = end,
            });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("reference_id").GetString()!;
    }

    /// <summary>Updates a permit with the given attribute keys and values.</summary>
    protected async Task UpdateAsync(string referenceId, params (string Key, string Value)[] fields)
    {
        var body = new Dictionary<string, string> { ["apiToken"] = Token, ["referenceID"] = referenceId };
        foreach (var (key, value) in fields)
        {
            body[key] = value;
        }

        var response = await Host.PostAsync($"/api/{ClientCode}/v1/permits/update", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    protected async Task DeleteAsync(string referenceId)
    {
        var response = await Host.PostAsync(
            $"/api/{ClientCode}/v1/permits/delete",
            new Dictionary<string, string> { ["apiToken"] = Token, ["referenceID"] = referenceId });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends a GET with <c>Authorization: Bearer</c> and the given token, or this client's token.</summary>
    protected Task<HttpResponseMessage> GetAsync(string path, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        return Host.Client.SendAsync(request);
    }

    /// <summary>Sends a GET and reads the JSON response, failing the test on an error status.</summary>
    protected async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Looks a plate up through the native validity endpoint.</summary>
    protected Task<JsonElement> ValidityAsync(string plate, string? at = null, params string[] zones)
    {
        var query = "plate=" + Uri.EscapeDataString(plate);
        if (at is not null)
        {
            query += "&at=" + Uri.EscapeDataString(at);
        }

        foreach (var zone in zones)
        {
            query += "&zone=" + Uri.EscapeDataString(zone);
        }

        return GetJsonAsync($"/v1/{ClientCode}/validity?{query}");
    }

    /// <summary>Returns the <c>match</c> of each entry of <c>matches</c>, in order.</summary>
    protected static List<(string ReferenceId, string Match)> MatchesOf(JsonElement validity) =>
    [
        .. validity.GetProperty("matches").EnumerateArray()
            .Select(match => (match.GetProperty("referenceId").GetString()!, match.GetProperty("match").GetString()!)),
    ];
}
