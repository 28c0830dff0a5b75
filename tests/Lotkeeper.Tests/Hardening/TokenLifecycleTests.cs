using System.Net;
using Lotkeeper.Auth;
using Lotkeeper.Domain;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Hardening;

public abstract class TokenLifecycleTests(Backend backend, PostgresCluster cluster) : ApiTestBase(backend, cluster)
{
    private const string StatsPath = "/api/OC-TOMA/v1/permits/stats";

    private const string Denied = "The supplied API token does not have permission to perform that request.";

    [Fact]
    public async Task Expired_token_is_rejected()
    {
        var (client, _) = await Host.AddClientAsync("OC-TOMA");
        var (_, secret) = await Issuer.IssueAsync(
            client.Id, "short", Permissions.All, Host.Clock.GetUtcNow().AddHours(1), CancellationToken.None);
        var before = await Host.PostJsonAsync(StatsPath, Body(secret));

        Host.Clock.Advance(TimeSpan.FromHours(1));
        var after = await Host.PostJsonAsync(StatsPath, Body(secret));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await AssertErrorAsync(after, HttpStatusCode.Forbidden, 9002, Denied);
    }

    [Fact]
    public async Task Revoked_token_is_rejected_next_request()
    {
        var (client, _) = await Host.AddClientAsync("OC-TOMA");
        var (token, secret) = await Host.IssueTokenAsync(client.Id, Permissions.All);
        var before = await Host.PostJsonAsync(StatsPath, Body(secret));

        await Host.Admin.RevokeTokenAsync(token.Id, Host.Clock.GetUtcNow(), CancellationToken.None);
        var after = await Host.PostJsonAsync(StatsPath, Body(secret));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await AssertErrorAsync(after, HttpStatusCode.Forbidden, 9002, Denied);
    }

    [Fact]
    public async Task Rotated_token_overlaps_then_replaces()
    {
        var (client, _) = await Host.AddClientAsync("OC-TOMA");
        var (old, oldSecret) = await Host.IssueTokenAsync(client.Id, Permissions.PermitStats);

        var rotated = await Issuer.RotateAsync(old.Id, TimeSpan.FromMinutes(30), CancellationToken.None);
        var (newToken, newSecret, _) = rotated!.Value;
        var oldDuringOverlap = await Host.PostJsonAsync(StatsPath, Body(oldSecret));
        var newDuringOverlap = await Host.PostJsonAsync(StatsPath, Body(newSecret));
        Host.Clock.Advance(TimeSpan.FromMinutes(30));
        var oldAfterOverlap = await Host.PostJsonAsync(StatsPath, Body(oldSecret));
        var newAfterOverlap = await Host.PostJsonAsync(StatsPath, Body(newSecret));

        Assert.Equal(HttpStatusCode.OK, oldDuringOverlap.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newDuringOverlap.StatusCode);
        await AssertErrorAsync(oldAfterOverlap, HttpStatusCode.Forbidden, 9002, Denied);
        Assert.Equal(HttpStatusCode.OK, newAfterOverlap.StatusCode);
        Assert.Equal(Permissions.PermitStats, newToken.Permissions);
        Assert.Equal(client.Id, newToken.ClientId);
    }

    [Fact]
    public async Task Rotating_expired_token_returns_null()
    {
        var (client, _) = await Host.AddClientAsync("OC-TOMA");
        var (old, _) = await new TokenIssuer(Host.Admin, Host.Clock).IssueAsync(
            client.Id, "expiring", Permissions.All, Host.Clock.GetUtcNow().AddDays(1), CancellationToken.None);
        Host.Clock.Advance(TimeSpan.FromDays(2));

        var rotated = await Issuer.RotateAsync(old.Id, TimeSpan.Zero, CancellationToken.None);

        Assert.Null(rotated);
        // The client keeps the token AddClientAsync issued and the expired one; no replacement was stored.
        Assert.Equal(2, (await Host.Admin.ListTokensAsync(client.Id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Rotating_revoked_token_returns_null()
    {
        var (client, _) = await Host.AddClientAsync("OC-TOMA");
        var (old, _) = await Host.IssueTokenAsync(client.Id, Permissions.All);
        await Host.Admin.RevokeTokenAsync(old.Id, Host.Clock.GetUtcNow(), CancellationToken.None);

        var rotated = await Issuer.RotateAsync(old.Id, TimeSpan.Zero, CancellationToken.None);

        Assert.Null(rotated);
    }

    [Fact]
    public async Task Last_used_time_updates_once_a_minute()
    {
        var (client, _) = await Host.AddClientAsync("OC-TOMA");
        var (token, secret) = await Host.IssueTokenAsync(client.Id, Permissions.All);
        var start = Host.Clock.GetUtcNow();

        await Host.PostJsonAsync(StatsPath, Body(secret));
        var first = await LastUsedAsync(client.Id, token.Id);
        Host.Clock.Advance(TimeSpan.FromSeconds(30));
        await Host.PostJsonAsync(StatsPath, Body(secret));
        var second = await LastUsedAsync(client.Id, token.Id);
        Host.Clock.Advance(TimeSpan.FromSeconds(31));
        await Host.PostJsonAsync(StatsPath, Body(secret));
        var third = await LastUsedAsync(client.Id, token.Id);

        Assert.Equal(start, first);
        Assert.Equal(start, second);
        Assert.Equal(start.AddSeconds(61), third);
    }

    [Fact]
    public async Task Log_never_contains_token_or_hash()
    {
        var (_, secret) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);

        await Host.PostJsonAsync(StatsPath, Body(secret));
        await Host.PostJsonAsync("/api/OC-TOMA/v1/permits/push", Body(secret));
        await Host.PostJsonAsync("/api/OTHER/v1/permits/stats", Body(secret));

        Assert.DoesNotContain(secret, Host.Log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiTokens.Hash(secret), Host.Log.Text, StringComparison.OrdinalIgnoreCase);
    }

    private TokenIssuer Issuer => new(Host.Admin, Host.Clock);

    private static string Body(string token) => $$"""{"apiToken":"{{token}}"}""";

    private async Task<DateTimeOffset?> LastUsedAsync(long clientId, string tokenId) =>
        (await Host.Admin.ListTokensAsync(clientId, CancellationToken.None)).Single(t => t.Id == tokenId).LastUsedAt;
}

public sealed class SqliteTokenLifecycleTests(PostgresCluster cluster)
    : TokenLifecycleTests(Backend.Sqlite, cluster);

public sealed class PostgresTokenLifecycleTests(PostgresCluster cluster)
    : TokenLifecycleTests(Backend.Postgres, cluster);
