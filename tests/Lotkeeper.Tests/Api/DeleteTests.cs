using Lotkeeper.Domain;
using Lotkeeper.Storage;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Api;

public abstract class DeleteTests(Backend backend, PostgresCluster cluster) : PermitsApiTestBase(backend, cluster)
{
    [Fact]
    public async Task Delete_documented_example_returns_success()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();

        var response = await SendAsync("delete", $$"""{"apiToken":"{{Token}}","referenceID":"{{referenceId}}"}""");

        Assert.Equal(referenceId, await AssertSuccessAsync(response));
        var body = await ReadJsonAsync(response);
        Assert.False(body.TryGetProperty("startTimeUtc", out _));
        Assert.False(body.TryGetProperty("endTimeUtc", out _));
    }

    [Fact]
    public async Task Delete_keeps_permit_with_history()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();
        var tokenId = (await Host.Admin.ListTokensAsync(Client.Id, default)).Single().Id;
        Host.Clock.Advance(TimeSpan.FromMinutes(1));

        await AssertSuccessAsync(await DeleteAsync(referenceId));

        var permit = await FindPermitAsync(referenceId);
        Assert.Equal(LotkeeperHost.DefaultNow.AddMinutes(1), permit.DeletedAt);
        Assert.Equal("ABC123", permit.PlateRaw);
        var events = await ListEventsAsync(referenceId);
        Assert.Equal([PermitEventKind.Created, PermitEventKind.Deleted], events.Select(e => e.Kind));
        Assert.Equal(tokenId, events[1].TokenId);
        Assert.Empty(events[1].Changes);
        Assert.Empty(await Host.Admin.ListPermitsAsync(Client.Id, includeDeleted: false, 10, default));
    }

    [Fact]
    public async Task Delete_twice_returns_9009()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();
        await AssertSuccessAsync(await DeleteAsync(referenceId));

        var response = await DeleteAsync(referenceId);

        await AssertRejectedAsync(response, 9009);
        Assert.Equal(2, (await ListEventsAsync(referenceId)).Count);
    }

    [Fact]
    public async Task Delete_reference_matched_ignoring_case()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();

        var response = await DeleteAsync(referenceId.ToUpperInvariant());

        Assert.Equal(referenceId, await AssertSuccessAsync(response));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\" \"")]
    public async Task Delete_without_reference_returns_9008(string? json)
    {
        await SetUpClientAsync();

        var response = await SendAsync("delete", DeleteBody("x", ("referenceID", json is null ? Omit : Raw(json))));

        await AssertRejectedAsync(response, 9008, "referenceID");
    }

    [Theory]
    [InlineData("\"0197f000-0000-7000-8000-000000000000\"")]
    [InlineData("\"{0197f000-0000-7000-8000-000000000000}\"")]
    [InlineData("\"%\"")]
    [InlineData("42")]
    [InlineData("{}")]
    public async Task Delete_unknown_reference_returns_9009(string json)
    {
        await SetUpClientAsync();
        await PushOkAsync();

        var response = await SendAsync("delete", DeleteBody("x", ("referenceID", Raw(json))));

        await AssertRejectedAsync(response, 9009);
        Assert.Single(await Host.Admin.ListPermitsAsync(Client.Id, includeDeleted: false, 10, default));
    }

    [Fact]
    public async Task Delete_permit_of_other_client_returns_9009()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();
        var (_, otherToken) = await Host.AddClientAsync("OC-OTHER", zones: "Lot 4");

        var response = await SendAsync("delete", DeleteBody(referenceId, ("apiToken", otherToken)), "OC-OTHER");

        await AssertRejectedAsync(response, 9009);
        Assert.Null((await FindPermitAsync(referenceId)).DeletedAt);
    }

    [Fact]
    public async Task Delete_ignores_other_attributes()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();

        var response = await DeleteAsync(referenceId, ("plate", "$$$"), ("endTime", "never"), ("Amount", true));

        Assert.Equal(referenceId, await AssertSuccessAsync(response));
    }

    [Fact]
    public async Task Delete_without_permission_returns_9002()
    {
        await SetUpClientAsync(permissions: Permissions.All & ~Permissions.PermitDelete);
        var referenceId = await PushOkAsync();

        var response = await DeleteAsync(referenceId);

        await AssertRejectedAsync(response, 9002);
        Assert.Null((await FindPermitAsync(referenceId)).DeletedAt);
    }
}

public sealed class SqliteDeleteTests(PostgresCluster cluster) : DeleteTests(Backend.Sqlite, cluster);

public sealed class PostgresDeleteTests(PostgresCluster cluster) : DeleteTests(Backend.Postgres, cluster);
