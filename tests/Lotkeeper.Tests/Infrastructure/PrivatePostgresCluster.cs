namespace Lotkeeper.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster for one test class alone, for tests that stop and start the server: stopping the shared
/// assembly cluster would break the tests that run in parallel with them.
/// </summary>
public sealed class PrivatePostgresCluster : IAsyncLifetime
{
    public PostgresCluster Cluster { get; } = new();

    public ValueTask InitializeAsync() => Cluster.InitializeAsync();

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
