using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lotkeeper.Auth;
using Lotkeeper.Domain;
using Lotkeeper.Hosting;
using Lotkeeper.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Lotkeeper.Tests.Infrastructure;

/// <summary>
/// The real application on ASP.NET Core's test server, over a real database, with a fake clock and the log
/// captured. Requests go through the whole HTTP pipeline.
/// </summary>
public sealed class LotkeeperHost : IAsyncDisposable
{
    /// <summary>The instant the fake clock starts at: 2026-06-15 12:00:00 UTC, a summer day in North America.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly WebApplication app;

    private LotkeeperHost(WebApplication app, FakeTimeProvider clock, CapturedLog log)
    {
        this.app = app;
        Clock = clock;
        Log = log;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public FakeTimeProvider Clock { get; }

    public CapturedLog Log { get; }

    public IServiceProvider Services => app.Services;

    public IAdminStore Admin => app.Services.GetRequiredService<IAdminStore>();

    /// <summary>Starts the application on <paramref name="database"/>, with extra configuration arguments.</summary>
    public static async Task<LotkeeperHost> StartAsync(TestDatabase database, params string[] arguments)
    {
        var clock = new FakeTimeProvider(DefaultNow);
        var log = new CapturedLog();
        var builder = LotkeeperApp.CreateBuilder(
            [.. database.ServerArguments, "--Lotkeeper:Bootstrap:CreateDemoClient=false", .. arguments]);
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Logging.AddProvider(log);
        var app = LotkeeperApp.Build(builder);
        await LotkeeperApp.PrepareDatabaseAsync(app, CancellationToken.None);
        await app.StartAsync();
        return new LotkeeperHost(app, clock, log);
    }

    /// <summary>Adds a client and issues it a token; returns the client and the token's secret.</summary>
    public async Task<(ClientRecord Client, string Token)> AddClientAsync(
        string code,
        ZonePolicy zonePolicy = ZonePolicy.Strict,
        string timeZone = "UTC",
        Permissions permissions = Permissions.All,
        params string[] zones)
    {
        var client = await Admin.AddClientAsync(
            new ClientRecord(
                0, code, code + " client", timeZone, "CAD", zonePolicy, TimeSpan.Zero, TimeSpan.FromMinutes(15),
                Clock.GetUtcNow()),
            CancellationToken.None);
        foreach (var zone in zones)
        {
            await Admin.AddZoneAsync(client.Id, zone, null, Clock.GetUtcNow(), CancellationToken.None);
        }

        var (_, token) = await IssueTokenAsync(client.Id, permissions);
        return (client, token);
    }

    /// <summary>Issues another token for a client.</summary>
    public Task<(TokenRecord Token, string Secret)> IssueTokenAsync(long clientId, Permissions permissions) =>
        new TokenIssuer(Admin, Clock).IssueAsync(clientId, "test", permissions, null, CancellationToken.None);

    /// <summary>Posts a raw body with <c>Content-Type: application/json</c>.</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string path, string body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return Client.PostAsync(path, content);
    }

    /// <summary>Posts an object serialized as JSON, with the keys exactly as named in it.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, object body) =>
        PostJsonAsync(path, JsonSerializer.Serialize(body));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
