using System.Net;
using System.Text;
using Lotkeeper.Hosting;
using Lotkeeper.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lotkeeper.Tests.Hardening;

/// <summary>The request limits that only real Kestrel enforces, on a loopback port of this process.</summary>
public sealed class KestrelLimitsTests(PostgresCluster cluster) : IAsyncLifetime
{
    private TestDatabase? database;
    private WebApplication? app;
    private string baseAddress = "";

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(Backend.Sqlite, cluster);
        var builder = LotkeeperApp.CreateBuilder(
            [.. database.ServerArguments, "--urls", "http://127.0.0.1:0", "--Lotkeeper:Bootstrap:CreateDemoClient=false"]);
        app = LotkeeperApp.Build(builder);
        await LotkeeperApp.PrepareDatabaseAsync(app, CancellationToken.None);
        await app.StartAsync();
        baseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Oversized_headers_get_431()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{baseAddress}/health/live");
        request.Headers.Add("X-Padding", new string('a', 20 * 1024));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Oversized_body_gets_9003_with_413()
    {
        using var http = new HttpClient();
        using var content = new StringContent(
            "{\"plate\":\"" + new string('A', 70 * 1024) + "\"}", Encoding.UTF8, "application/json");

        using var response = await http.PostAsync($"{baseAddress}/api/OC-TOMA/v1/permits/push", content);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("\"ErrorCode\":9003", text, StringComparison.Ordinal);
    }
}
