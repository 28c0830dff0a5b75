using System.Net;
using System.Text.Json;

namespace Lotkeeper.Tests.Infrastructure;

/// <summary>
/// Base of the API tests: a fresh database of the subclass's backend and a host over it for every test. Each
/// feature has one abstract test class deriving from this and one short sealed subclass per backend.
/// </summary>
public abstract class ApiTestBase(Backend backend, PostgresCluster cluster) : IAsyncLifetime
{
    private TestDatabase? database;
    private LotkeeperHost? host;

    protected Backend Backend => backend;

    protected PostgresCluster Cluster => cluster;

    protected TestDatabase Database => database!;

    protected LotkeeperHost Host => host!;

    /// <summary>Extra configuration arguments for the host, such as <c>--Lotkeeper:Api:ErrorStatusCode=200</c>.</summary>
    protected virtual string[] HostArguments => [];

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(backend, cluster);
        host = await LotkeeperHost.StartAsync(database, HostArguments);
    }

    /// <summary>Stops the host and starts a new one on the same database, as a server restart would.</summary>
    protected async Task RestartHostAsync()
    {
        await host!.DisposeAsync();
        host = null;
        host = await LotkeeperHost.StartAsync(database!, HostArguments);
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Reads a response body as a JSON document.</summary>
    protected static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an OPS-COM error response: its HTTP status, code and exact message.</summary>
    protected static async Task<JsonElement> AssertErrorAsync(
        HttpResponseMessage response, HttpStatusCode status, int code, string message)
    {
        var body = await ReadJsonAsync(response);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, body.GetProperty("ErrorCode").GetInt32());
        Assert.Equal(message, body.GetProperty("ErrorMessage").GetString());
        return body;
    }
}
