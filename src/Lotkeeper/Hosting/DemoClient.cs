using Lotkeeper.Auth;
using Lotkeeper.Domain;
using Lotkeeper.Storage;

namespace Lotkeeper.Hosting;

/// <summary>The client that <c>serve</c> creates on a brand new database, so the first requests work at once.</summary>
internal static class DemoClient
{
    public const string Code = "DEMO";

    /// <summary>
    /// Creates the demo client and a token with every permission when the database has no client, and returns the
    /// token's secret. Returns null when the database already had clients.
    /// </summary>
    public static async Task<string?> CreateIfEmptyAsync(
        IAdminStore store, TokenIssuer issuer, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await store.IsEmptyAsync(cancellationToken))
        {
            return null;
        }

        var client = await store.AddClientAsync(
            new ClientRecord(
                0,
                Code,
                "Demo client",
                "UTC",
                "CAD",
                ZonePolicy.AutoCreate,
                TimeSpan.Zero,
                TimeSpan.FromMinutes(15),
                UnixTime.Truncate(clock.GetUtcNow())),
            cancellationToken);
        var (_, secret) = await issuer.IssueAsync(client.Id, "demo", Permissions.All, null, cancellationToken);
        return secret;
    }
}
