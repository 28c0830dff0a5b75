using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lotkeeper.Auth;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Durability;

/// <summary>The real executable's first start: the demo token on standard output once, and never in the log.</summary>
public sealed partial class ServeProcessTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "lotkeeper-serve-" + Guid.NewGuid().ToString("N")[..12]);

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task First_start_prints_demo_token_once()
    {
        var first = await LotkeeperProcess.StartAsync([], workingDirectory: folder);
        var token = await WaitForDemoTokenAsync(first);
        using var push = await first.Client.PostAsJsonAsync(
            "api/DEMO/v1/permits/push",
            new { apiToken = token, LicencePlate = "PL8RDR", zone = "Lot 4", endTime = "2030-01-01T00:00:00" });
        using var rejected = await first.Client.PostAsJsonAsync(
            "api/DEMO/v1/permits/delete", new { apiToken = token, referenceID = "no-such-permit" });
        await first.KillAsync();
        await using var second = await LotkeeperProcess.StartAsync([], workingDirectory: folder);
        using var stats = await second.Client.PostAsJsonAsync("api/DEMO/v1/permits/stats", new { apiToken = token });
        var statsBody = await stats.Content.ReadFromJsonAsync<JsonElement>();
        await second.KillAsync();

        Assert.True(File.Exists(Path.Combine(folder, "data", "lotkeeper.db")));
        Assert.Equal(HttpStatusCode.OK, push.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rejected.StatusCode);
        Assert.Equal("1", statsBody.GetProperty("data")[0].GetProperty("total").GetString());
        Assert.DoesNotContain("token:", second.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Rejected delete for client DEMO with 9009", first.StandardError, StringComparison.Ordinal);
        foreach (var log in new[] { first.StandardError, second.StandardError })
        {
            Assert.DoesNotContain(token, log, StringComparison.Ordinal);
            Assert.DoesNotContain(ApiTokens.Hash(token), log, StringComparison.Ordinal);
        }
    }

    private static async Task<string> WaitForDemoTokenAsync(LotkeeperProcess server)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var match = DemoTokenLine().Match(server.StandardOutput);
            if (match.Success)
            {
                return match.Groups["token"].Value;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("serve printed no demo token:\n" + server.StandardOutput);
    }

    [GeneratedRegex(@"^DEMO token: (?<token>[A-Za-z0-9-]{50})$", RegexOptions.Multiline)]
    private static partial Regex DemoTokenLine();
}
