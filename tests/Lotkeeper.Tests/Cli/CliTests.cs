using System.Net;
using System.Text.Json;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Cli;

public abstract class CliTests(Backend backend, PostgresCluster cluster) : ApiTestBase(backend, cluster)
{
    private Task<CliResult> RunAsync(params string[] arguments) => CliRunner.RunAsync(Database, arguments);

    [Fact]
    public async Task Clients_add_prints_the_client()
    {
        var result = await RunAsync(
            "clients", "add", "OC-TOMA", "--name", "Toronto", "--time-zone", "America/Toronto", "--currency", "usd");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("code: OC-TOMA", result.Output, StringComparison.Ordinal);
        Assert.Contains("time zone: America/Toronto", result.Output, StringComparison.Ordinal);
        Assert.Contains("currency: USD", result.Output, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Clients_add_duplicate_code_fails()
    {
        await RunAsync("clients", "add", "OC-TOMA", "--name", "Toronto");

        var result = await RunAsync("clients", "add", "oc_toma", "--name", "Again");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already exists", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData("--time-zone", "Mars/Olympus", "not an IANA time zone")]
    [InlineData("--currency", "XYZ", "not an ISO 4217 currency code")]
    [InlineData("--zone-policy", "sometimes", "not a zone policy")]
    public async Task Clients_add_invalid_option_fails(string option, string value, string message)
    {
        var result = await RunAsync("clients", "add", "OC-TOMA", "--name", "Toronto", option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clients_add_invalid_code_fails()
    {
        var result = await RunAsync("clients", "add", "OC TOMA!", "--name", "Toronto");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not a valid client code", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clients_list_and_show_json()
    {
        await RunAsync("clients", "add", "OC-TOMA", "--name", "Toronto", "--zone-policy", "auto-create");
        await RunAsync("clients", "add", "CITY", "--name", "City");

        var list = await RunAsync("clients", "list");
        var show = await RunAsync("clients", "show", "oc_toma", "--json");

        Assert.Equal(0, list.ExitCode);
        Assert.Equal(["CITY\tCity\tUTC\tCAD\tstrict", "OC-TOMA\tToronto\tUTC\tCAD\tauto-create"], Lines(list.Output));
        Assert.Equal(0, show.ExitCode);
        var client = JsonDocument.Parse(show.Output).RootElement;
        Assert.Equal("OC-TOMA", client.GetProperty("code").GetString());
        Assert.Equal("auto-create", client.GetProperty("zonePolicy").GetString());
        Assert.Equal(15, client.GetProperty("recentlyExpiredMinutes").GetDouble());
    }

    [Fact]
    public async Task Unknown_client_fails_every_command()
    {
        string[][] commands =
        [
            ["clients", "show", "NOPE"],
            ["zones", "add", "NOPE", "Lot 4"],
            ["zones", "list", "NOPE"],
            ["zones", "remove", "NOPE", "Lot 4"],
            ["tokens", "issue", "NOPE", "--permissions", "all"],
            ["tokens", "list", "NOPE"],
            ["permits", "list", "NOPE"],
        ];

        foreach (var command in commands)
        {
            var result = await RunAsync(command);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("No client has the code 'NOPE'", result.Error, StringComparison.Ordinal);
            Assert.Equal("", result.Output);
        }
    }

    [Fact]
    public async Task Zones_add_list_remove()
    {
        await RunAsync("clients", "add", "OC-TOMA", "--name", "Toronto", "--time-zone", "America/Toronto");

        var add = await RunAsync("zones", "add", "OC-TOMA", "  Lot   4 ");
        var addWithZone = await RunAsync("zones", "add", "OC-TOMA", "Red Lot", "--time-zone", "America/Vancouver");
        var list = await RunAsync("zones", "list", "OC-TOMA");
        var remove = await RunAsync("zones", "remove", "OC-TOMA", "lot 4");
        var listAfter = await RunAsync("zones", "list", "OC-TOMA", "--json");

        Assert.Equal(0, add.ExitCode);
        Assert.Equal("Lot 4", add.Output.Trim());
        Assert.Equal(0, addWithZone.ExitCode);
        Assert.Equal(["Lot 4\tAmerica/Toronto", "Red Lot\tAmerica/Vancouver"], Lines(list.Output));
        Assert.Equal(0, remove.ExitCode);
        var zones = JsonDocument.Parse(listAfter.Output).RootElement;
        Assert.Equal(1, zones.GetArrayLength());
        Assert.Equal("Red Lot", zones[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Zones_add_duplicate_name_fails()
    {
        await RunAsync("clients", "add", "OC-TOMA", "--name", "Toronto");
        await RunAsync("zones", "add", "OC-TOMA", "Lot 4");

        var result = await RunAsync("zones", "add", "OC-TOMA", "LOT  4");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already has a zone named 'LOT 4'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zones_remove_with_live_permits_fails()
    {
        var (_, token) = await Host.AddClientAsync("OC-TOMA", zones: "Lot 4");
        await Host.PostAsync("/api/OC-TOMA/v1/permits/push", new
        {
            apiToken = token, plate = "ABC123", zone = "Lot 4", endTime = "2026-06-15T18:00:00",
        });

        var result = await RunAsync("zones", "remove", "OC-TOMA", "Lot 4");
        var unknown = await RunAsync("zones", "remove", "OC-TOMA", "Lot 5");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("still has live permits (1)", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("has no zone named 'Lot 5'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_issue_prints_secret_once()
    {
        await RunAsync("clients", "add", "OC-TOMA", "--name", "Toronto");

        var issue = await RunAsync(
            "tokens", "issue", "OC-TOMA", "--name", "paystations", "--permissions", "permit-create,permit-stats");
        var list = await RunAsync("tokens", "list", "OC-TOMA");
        var listJson = await RunAsync("tokens", "list", "OC-TOMA", "--json");

        var secret = issue.Output.Trim();
        Assert.Equal(0, issue.ExitCode);
        Assert.Equal(50, secret.Length);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("\tpaystations\tpermit-create,permit-stats\tactive", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listJson.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Lotkeeper.Auth.ApiTokens.Hash(secret), listJson.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", listJson.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Tokens_issue_unknown_permission_fails()
    {
        await RunAsync("clients", "add", "OC-TOMA", "--name", "Toronto");

        var result = await RunAsync("tokens", "issue", "OC-TOMA", "--permissions", "permit-create,fly");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'fly' is not a permission", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Tokens_revoke_then_api_rejects()
    {
        await RunAsync("clients", "add", "OC-TOMA", "--name", "Toronto", "--zone-policy", "auto-create");
        var issue = await RunAsync("tokens", "issue", "OC-TOMA", "--permissions", "all", "--json");
        var issued = JsonDocument.Parse(issue.Output).RootElement;
        var secret = issued.GetProperty("token").GetString()!;
        var id = issued.GetProperty("id").GetString()!;
        var before = await Host.PostAsync("/api/OC-TOMA/v1/permits/stats", new { apiToken = secret });

        var revoke = await RunAsync("tokens", "revoke", id);
        // The command revokes at the real time; the host's fake clock must be past it.
        Host.Clock.SetUtcNow(DateTimeOffset.UtcNow.AddSeconds(1));
        var after = await Host.PostAsync("/api/OC-TOMA/v1/permits/stats", new { apiToken = secret });
        var again = await RunAsync("tokens", "revoke", id);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(0, revoke.ExitCode);
        Assert.Equal(id, revoke.Output.Trim());
        await AssertErrorAsync(
            after,
            HttpStatusCode.Forbidden,
            9002,
            "The supplied API token does not have permission to perform that request.");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"No active token has the id '{id}'", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Permits_list_and_show_history()
    {
        var (_, token) = await Host.AddClientAsync("OC-TOMA", zones: "Lot 4");
        var push = await ReadJsonAsync(await Host.PostAsync("/api/OC-TOMA/v1/permits/push", new
        {
            apiToken = token, LicencePlate = "PL8 RDR", zone = "Lot 4", Amount = "14.50", permitNo = "L4-1138",
            startTime = "2026-06-15T09:00:00", endTime = "2026-06-15T18:00:00",
        }));
        var referenceId = push.GetProperty("reference_id").GetString()!;
        await Host.PostAsync("/api/OC-TOMA/v1/permits/update", new
        {
            apiToken = token, referenceID = referenceId, Amount = "16.00",
        });
        await Host.PostAsync("/api/OC-TOMA/v1/permits/delete", new { apiToken = token, referenceID = referenceId });

        var live = await RunAsync("permits", "list", "OC-TOMA");
        var all = await RunAsync("permits", "list", "OC-TOMA", "--include-deleted");
        var show = await RunAsync("permits", "show", referenceId.ToUpperInvariant());
        var showJson = await RunAsync("permits", "show", referenceId, "--json");
        var missing = await RunAsync("permits", "show", "no-such-permit");

        Assert.Equal(0, live.ExitCode);
        Assert.Equal("", live.Output);
        Assert.StartsWith($"{referenceId}\tPL8 RDR\tLot 4\t2026-06-15T09:00:00Z\t2026-06-15T18:00:00Z\tdeleted", all.Output, StringComparison.Ordinal);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("plate: PL8 RDR (PL8RDR)", show.Output, StringComparison.Ordinal);
        Assert.Contains("amount: 16.00 CAD", show.Output, StringComparison.Ordinal);
        Assert.Contains("updated\ttoken", show.Output, StringComparison.Ordinal);
        Assert.Contains("amount: 14.50 -> 16.00", show.Output, StringComparison.Ordinal);
        var history = JsonDocument.Parse(showJson.Output).RootElement.GetProperty("history");
        Assert.Equal(
            new[] { "created", "updated", "deleted" },
            history.EnumerateArray().Select(entry => entry.GetProperty("kind").GetString()!).ToArray());
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No permit has the reference id 'no-such-permit'", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Permits_list_says_when_cut()
    {
        var (_, token) = await Host.AddClientAsync("OC-TOMA", zones: "Lot 4");
        foreach (var plate in new[] { "CUT1", "CUT2", "CUT3" })
        {
            await Host.PostAsync("/api/OC-TOMA/v1/permits/push", new
            {
                apiToken = token, LicencePlate = plate, zone = "Lot 4", Amount = "14.50",
                startTime = "2026-06-15T09:00:00", endTime = "2026-06-15T18:00:00",
            });
        }

        var cut = await RunAsync("permits", "list", "OC-TOMA", "--limit", "2");
        var whole = await RunAsync("permits", "list", "OC-TOMA", "--limit", "3");

        Assert.Equal(0, cut.ExitCode);
        Assert.Equal(2, Lines(cut.Output).Length);
        Assert.Contains("Listed the newest 2 permits; the client has more.", cut.Error, StringComparison.Ordinal);
        Assert.Equal(3, Lines(whole.Output).Length);
        Assert.Equal("", whole.Error);
    }

    [Fact]
    public async Task Migrate_reports_database()
    {
        var result = await RunAsync("migrate");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("is up to date", result.Output, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed class SqliteCliTests(PostgresCluster cluster) : CliTests(Backend.Sqlite, cluster);

public sealed class PostgresCliTests(PostgresCluster cluster) : CliTests(Backend.Postgres, cluster);
