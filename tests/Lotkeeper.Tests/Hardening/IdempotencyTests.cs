using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Lotkeeper.Domain;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Hardening;

public abstract class IdempotencyTests(Backend backend, PostgresCluster cluster) : ApiTestBase(backend, cluster)
{
    private const string PushPath = "/api/OC-TOMA/v1/permits/push";

    [Fact]
    public async Task Repeated_key_and_body_replays_response()
    {
        var (client, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);
        var body = PushBody(token, "ABC123");

        var first = await PostWithKeyAsync(PushPath, body, "order-1");
        var firstText = await first.Content.ReadAsStringAsync();
        Host.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await PostWithKeyAsync(PushPath, body, "order-1");
        var secondText = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstText, secondText);
        Assert.Equal(first.Content.Headers.ContentType, second.Content.Headers.ContentType);
        Assert.Single(await Host.Admin.ListPermitsAsync(client.Id, true, 100, CancellationToken.None));
    }

    [Fact]
    public async Task Same_key_other_body_returns_9022()
    {
        var (client, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);
        await PostWithKeyAsync(PushPath, PushBody(token, "ABC123"), "order-1");

        var response = await PostWithKeyAsync(PushPath, PushBody(token, "XYZ789"), "order-1");

        var error = await AssertErrorAsync(
            response, HttpStatusCode.Conflict, 9022, "A record already exists with the supplied details.");
        Assert.Equal("Idempotency-Key", error.GetProperty("Field").GetString());
        Assert.Single(await Host.Admin.ListPermitsAsync(client.Id, true, 100, CancellationToken.None));
    }

    [Fact]
    public async Task Different_keys_create_two_permits()
    {
        var (client, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);
        var body = PushBody(token, "ABC123");

        var first = await PostWithKeyAsync(PushPath, body, "order-1");
        var second = await PostWithKeyAsync(PushPath, body, "order-2");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, (await Host.Admin.ListPermitsAsync(client.Id, true, 100, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Key_survives_server_restart()
    {
        var (client, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);
        var body = PushBody(token, "ABC123");
        var first = await PostWithKeyAsync(PushPath, body, "order-1");
        var firstText = await first.Content.ReadAsStringAsync();

        await RestartHostAsync();
        var second = await PostWithKeyAsync(PushPath, body, "order-1");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstText, await second.Content.ReadAsStringAsync());
        Assert.Single(await Host.Admin.ListPermitsAsync(client.Id, true, 100, CancellationToken.None));
    }

    [Fact]
    public async Task Key_expires_after_24_hours()
    {
        var (client, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);
        var body = PushBody(token, "ABC123");
        await PostWithKeyAsync(PushPath, body, "order-1");

        Host.Clock.Advance(TimeSpan.FromHours(24));
        var second = await PostWithKeyAsync(PushPath, body, "order-1");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, (await Host.Admin.ListPermitsAsync(client.Id, true, 100, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Keys_are_per_client()
    {
        var (_, tomaToken) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);
        var (_, cityToken) = await Host.AddClientAsync("CITY", ZonePolicy.AutoCreate);
        await PostWithKeyAsync(PushPath, PushBody(tomaToken, "ABC123"), "order-1");

        var response = await PostWithKeyAsync(
            "/api/CITY/v1/permits/push", PushBody(cityToken, "XYZ789"), "order-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Update_and_delete_replay_responses()
    {
        var (_, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);
        var pushed = await ReadJsonAsync(await Host.PostJsonAsync(PushPath, PushBody(token, "ABC123")));
        var referenceId = pushed.GetProperty("reference_id").GetString();
        var update = $$"""{"apiToken":"{{token}}","referenceID":"{{referenceId}}","plate":"NEW1"}""";
        var delete = $$"""{"apiToken":"{{token}}","referenceID":"{{referenceId}}"}""";

        var firstUpdate = await PostWithKeyAsync("/api/OC-TOMA/v1/permits/update", update, "update-1");
        var secondUpdate = await PostWithKeyAsync("/api/OC-TOMA/v1/permits/update", update, "update-1");
        var firstDelete = await PostWithKeyAsync("/api/OC-TOMA/v1/permits/delete", delete, "delete-1");
        var secondDelete = await PostWithKeyAsync("/api/OC-TOMA/v1/permits/delete", delete, "delete-1");

        Assert.Equal(HttpStatusCode.OK, firstUpdate.StatusCode);
        Assert.Equal(
            await firstUpdate.Content.ReadAsStringAsync(), await secondUpdate.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, secondDelete.StatusCode);
        Assert.Equal(
            await firstDelete.Content.ReadAsStringAsync(), await secondDelete.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Key_of_update_is_not_replayed_for_delete()
    {
        var (client, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);
        var pushed = await ReadJsonAsync(await Host.PostJsonAsync(PushPath, PushBody(token, "ABC123")));
        var referenceId = pushed.GetProperty("reference_id").GetString();
        var body = $$"""{"apiToken":"{{token}}","referenceID":"{{referenceId}}"}""";

        var update = await PostWithKeyAsync("/api/OC-TOMA/v1/permits/update", body, "shared-key");
        var delete = await PostWithKeyAsync("/api/OC-TOMA/v1/permits/delete", body, "shared-key");

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Equal(9022, (await ReadJsonAsync(delete)).GetProperty("ErrorCode").GetInt32());
        var permit = Assert.Single(await Host.Admin.ListPermitsAsync(client.Id, false, 100, CancellationToken.None));
        Assert.Null(permit.DeletedAt);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("key\u00e9")]
    public async Task Invalid_key_returns_9033(string key)
    {
        var (client, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);

        var response = await PostWithKeyAsync(PushPath, PushBody(token, "ABC123"), key);

        var error = await AssertErrorAsync(
            response, HttpStatusCode.BadRequest, 9033, "The field's value is invalid.");
        Assert.Equal("Idempotency-Key", error.GetProperty("Field").GetString());
        Assert.Empty(await Host.Admin.ListPermitsAsync(client.Id, true, 100, CancellationToken.None));
    }

    [Fact]
    public async Task Key_over_100_characters_returns_9033()
    {
        var (_, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);

        var response = await PostWithKeyAsync(PushPath, PushBody(token, "ABC123"), new string('k', 101));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, 9033, "The field's value is invalid.");
    }

    [Fact]
    public async Task Token_is_checked_before_key()
    {
        await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);

        var response = await PostWithKeyAsync(PushPath, PushBody("wrong-token", "ABC123"), new string('k', 101));

        await AssertErrorAsync(
            response,
            HttpStatusCode.Forbidden,
            9002,
            "The supplied API token does not have permission to perform that request.");
    }

    [Fact]
    public async Task Error_responses_are_not_stored()
    {
        var (client, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);
        var bad = $$"""{"apiToken":"{{token}}","plate":"ABC123","zone":"Lot 4"}""";

        var rejected = await PostWithKeyAsync(PushPath, bad, "order-1");
        var corrected = await PostWithKeyAsync(PushPath, PushBody(token, "ABC123"), "order-1");

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Single(await Host.Admin.ListPermitsAsync(client.Id, true, 100, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_write_once()
    {
        var (client, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);
        var body = PushBody(token, "ABC123");

        var responses = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(_ => PostWithKeyAsync(PushPath, body, "order-1")));
        var texts = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Single(texts.Distinct(StringComparer.Ordinal));
        Assert.Single(await Host.Admin.ListPermitsAsync(client.Id, true, 100, CancellationToken.None));
    }

    private static string PushBody(string token, string plate) =>
        $$"""{"apiToken":"{{token}}","plate":"{{plate}}","zone":"Lot 4","endTime":"2026-06-30T18:00:00"}""";

    private Task<HttpResponseMessage> PostWithKeyAsync(string path, string body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return Host.Client.SendAsync(request);
    }
}

public sealed class SqliteIdempotencyTests(PostgresCluster cluster) : IdempotencyTests(Backend.Sqlite, cluster);

public sealed class PostgresIdempotencyTests(PostgresCluster cluster) : IdempotencyTests(Backend.Postgres, cluster);
