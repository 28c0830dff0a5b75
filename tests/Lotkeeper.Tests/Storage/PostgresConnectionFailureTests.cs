using System.Diagnostics;
using Lotkeeper.Storage;
using Lotkeeper.Storage.Postgres;
using Lotkeeper.Storage.Sql;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Storage;

/// <summary>
/// A store whose PostgreSQL hosts all refuse connections: every operation must end in
/// <see cref="StorageUnavailableException"/> within seconds, the error that callers turn into 9999 with HTTP 503.
/// </summary>
public sealed class PostgresConnectionFailureTests
{
    private static readonly TimeSpan MaxOperationTime = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Refused_host_throws_storage_unavailable()
    {
        using var database = new PostgresDatabase(
            $"Host=127.0.0.1;Port={LoopbackPorts.FindFree()};Username=postgres;Database=lotkeeper");
        var store = new SqlStore(database);
        var watch = Stopwatch.StartNew();

        var read = await Record.ExceptionAsync(() => store.FindClientAsync("DEMO", CancellationToken.None));
        var write = await Record.ExceptionAsync(() => store.RevokeTokenAsync(
            "token", DateTimeOffset.UnixEpoch, CancellationToken.None));

        Assert.IsType<StorageUnavailableException>(read);
        Assert.IsType<StorageUnavailableException>(write);
        Assert.True(watch.Elapsed < MaxOperationTime, $"Took {watch.Elapsed.TotalSeconds:F1} s.");
    }

    [Fact]
    public async Task No_primary_host_throws_storage_unavailable()
    {
        // Npgsql remembers hosts it found down, so the second read fails with "no suitable host" and no inner
        // exception, a case that must still count as a lost connection.
        using var database = new PostgresDatabase(
            $"Host=127.0.0.1:{LoopbackPorts.FindFree()},127.0.0.1:{LoopbackPorts.FindFree()};Username=postgres;Database=lotkeeper;"
                + "Target Session Attributes=primary");
        var store = new SqlStore(database);

        var first = await Record.ExceptionAsync(() => store.FindClientAsync("DEMO", CancellationToken.None));
        var second = await Record.ExceptionAsync(() => store.FindClientAsync("DEMO", CancellationToken.None));

        Assert.IsType<StorageUnavailableException>(first);
        Assert.IsType<StorageUnavailableException>(second);
    }

    [Fact]
    public void Driver_exception_is_connection_lost()
    {
        using var database = new PostgresDatabase("Host=127.0.0.1;Database=lotkeeper");

        var kind = database.Classify(new Npgsql.NpgsqlException("Thrown by the driver, with no inner exception."));

        Assert.Equal(DatabaseErrorKind.ConnectionLost, kind);
    }
}
