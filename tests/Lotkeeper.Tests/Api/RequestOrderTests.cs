using Lotkeeper.Domain;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Api;

/// <summary>
/// When a request has several faults, the first check in the documented order decides the response: client code,
/// body, token, reference id, attributes (plate, zone, start, end, amount, currency, permit number, permit type),
/// record lookup, then conflicts.
/// </summary>
public abstract class RequestOrderTests(Backend backend, PostgresCluster cluster)
    : PermitsApiTestBase(backend, cluster)
{
    /// <summary>
    /// Requests with two or more faults: endpoint, client segment, body and the code that wins. In the body,
    /// <c>TOKEN</c> is this client's token, <c>OTHER</c> a token of another client and <c>REF</c> a live permit's
    /// reference id.
    /// </summary>
    public static TheoryData<string, string, string, int> Faults => new()
    {
        // Client code before body.
        { "push", "%20", "not json", 9000 },

        // Body before token, also for an unknown client.
        { "push", "OC-TOMA", "{\"apiToken\":", 9003 },
        { "push", "OC-NOBODY", "{\"apiToken\":\"OTHER\"", 9003 },
        { "stats", "OC-NOBODY", "[]", 9003 },
        { "update", "OC-TOMA", "[\"TOKEN\"]", 9003 },

        // Token before everything in the body; an unknown client is rejected at this step.
        { "push", "OC-TOMA", "{\"LicencePlate\":\"$\"}", 9001 },
        { "push", "OC-NOBODY", "{\"LicencePlate\":\"$\"}", 9001 },
        { "push", "OC-NOBODY", "{\"apiToken\":\"OTHER\",\"LicencePlate\":\"ABC\",\"zone\":\"Lot 4\"}", 9002 },
        { "push", "OC-TOMA", "{\"apiToken\":\"OTHER\",\"LicencePlate\":\"$\"}", 9002 },
        { "update", "OC-TOMA", "{\"plate\":\"$\"}", 9001 },
        { "update", "OC-TOMA", "{\"apiToken\":\"nope\"}", 9002 },
        { "delete", "OC-TOMA", "{\"apiToken\":\"OTHER\"}", 9002 },
        { "stats", "OC-TOMA", "{\"apiToken\":\"nope\",\"zones\":7}", 9002 },

        // Reference id before attribute checks.
        { "update", "OC-TOMA", "{\"apiToken\":\"TOKEN\",\"plate\":\"$\",\"endTime\":\"x\"}", 9008 },
        { "update", "OC-TOMA", "{\"apiToken\":\"TOKEN\",\"referenceID\":\"\",\"Amount\":\"x\"}", 9008 },

        // Attribute checks before the lookup: an invalid plate on an unknown reference is 9033, not 9009.
        { "update", "OC-TOMA", "{\"apiToken\":\"TOKEN\",\"referenceID\":\"nope\",\"plate\":\"$\"}", 9033 },
        { "update", "OC-TOMA", "{\"apiToken\":\"TOKEN\",\"referenceID\":\"%%\",\"endTime\":\"x\"}", 9005 },
        { "update", "OC-TOMA", "{\"apiToken\":\"TOKEN\",\"referenceID\":\"nope\",\"Amount\":\"0.00\"}", 9033 },
        { "update", "OC-TOMA", "{\"apiToken\":\"TOKEN\",\"referenceID\":\"nope\",\"currency\":\"ZZZ\"}", 9033 },

        // The lookup before checks that need the stored permit.
        { "update", "OC-TOMA", "{\"apiToken\":\"TOKEN\",\"referenceID\":\"nope\",\"endTime\":\"1999-01-01T00:00:00\"}", 9009 },

        // Attribute order on push: plate, zone, start, end, amount, currency, permit number, permit type.
        { "push", "OC-TOMA", "{\"apiToken\":\"TOKEN\",\"zone\":\"Nowhere\"}", 9006 },
        { "push", "OC-TOMA", "{\"apiToken\":\"TOKEN\",\"LicencePlate\":\"$\"}", 9033 },
        { "push", "OC-TOMA", "{\"apiToken\":\"TOKEN\",\"LicencePlate\":\"ABCDEFGHIJKLMNOPQRSTUVWXYZ\"}", 9030 },
        { "push", "OC-TOMA", "{\"apiToken\":\"TOKEN\",\"LicencePlate\":\"ABC\",\"startTime\":\"x\"}", 9031 },
        { "push", "OC-TOMA", "{\"apiToken\":\"TOKEN\",\"LicencePlate\":\"ABC\",\"zone\":\"Nowhere\",\"startTime\":\"x\"}", 9033 },
        { "push", "OC-TOMA", "{\"apiToken\":\"TOKEN\",\"LicencePlate\":\"ABC\",\"zone\":\"Lot 4\",\"startTime\":\"x\"}", 9007 },
        { "push", "OC-TOMA", "{\"apiToken\":\"TOKEN\",\"LicencePlate\":\"ABC\",\"zone\":\"Lot 4\",\"Amount\":\"x\"}", 9004 },
        { "push", "OC-TOMA", "{\"apiToken\":\"TOKEN\",\"LicencePlate\":\"ABC\",\"zone\":\"Lot 4\",\"endTime\":\"x\",\"Amount\":\"x\"}", 9005 },
        {
            "push", "OC-TOMA",
            "{\"apiToken\":\"TOKEN\",\"LicencePlate\":\"ABC\",\"zone\":\"Lot 4\",\"startTime\":\"2026-06-15T19:00:00\","
            + "\"endTime\":\"2026-06-15T18:00:00\",\"Amount\":\"x\"}",
            9005
        },
        {
            "push", "OC-TOMA",
            "{\"apiToken\":\"TOKEN\",\"LicencePlate\":\"ABC\",\"zone\":\"Lot 4\",\"endTime\":\"2026-06-15T18:00:00\","
            + "\"Amount\":\"x\",\"CurrencyID\":\"x\",\"permitNo\":\"\",\"permitType\":\"x\"}",
            9033
        },
        {
            "push", "OC-TOMA",
            "{\"apiToken\":\"TOKEN\",\"LicencePlate\":\"ABC\",\"zone\":\"Lot 4\",\"endTime\":\"2026-06-15T18:00:00\","
            + "\"permitNo\":\"NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN\",\"permitType\":\"x\"}",
            9030
        },

        // Attribute checks before the duplicate check: REF's permit number with a bad amount is 9033, not 9022.
        {
            "push", "OC-TOMA",
            "{\"apiToken\":\"TOKEN\",\"LicencePlate\":\"XYZ\",\"zone\":\"Lot 4\",\"endTime\":\"2026-06-15T18:00:00\","
            + "\"permitNo\":\"L4-1\",\"Amount\":\"x\"}",
            9033
        },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task First_fault_in_order_decides(string endpoint, string client, string body, int code)
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync(("permitNo", "L4-1"));
        var (_, otherToken) = await Host.AddClientAsync("OC-OTHER", zones: "Lot 4");
        var before = await FindPermitAsync(referenceId);

        var response = await SendAsync(
            endpoint,
            body.Replace("TOKEN", Token, StringComparison.Ordinal)
                .Replace("OTHER", otherToken, StringComparison.Ordinal)
                .Replace("REF", referenceId, StringComparison.Ordinal),
            client);

        await AssertCodeAsync(response, code);
        Assert.Equal(1, await CountPermitsAsync());
        Assert.Equal(before, await FindPermitAsync(referenceId));
    }

    [Fact]
    public async Task Token_lacking_permission_before_reference_id()
    {
        await SetUpClientAsync();
        var (_, secret) = await Host.IssueTokenAsync(Client.Id, Permissions.PermitCreate);

        var response = await SendAsync("delete", Body([("apiToken", secret)]));

        await AssertRejectedAsync(response, 9002);
    }
}

public sealed class SqliteRequestOrderTests(PostgresCluster cluster) : RequestOrderTests(Backend.Sqlite, cluster);

public sealed class PostgresRequestOrderTests(PostgresCluster cluster) : RequestOrderTests(Backend.Postgres, cluster);
