using Microsoft.Data.Sqlite;

namespace Lotkeeper.Tests.Infrastructure;

/// <summary>An empty database of one backend, made for one test and removed after it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly PostgresCluster? cluster;
    private readonly string? folder;

    private TestDatabase(Backend backend, string connectionString, PostgresCluster? cluster, string? folder)
    {
        Backend = backend;
        ConnectionString = connectionString;
        this.cluster = cluster;
        this.folder = folder;
    }

    public Backend Backend { get; }

    public string ConnectionString { get; }

    public string Provider => Backend == Backend.Postgres ? "postgresql" : "sqlite";

    /// <summary>The SQLite file's folder, or null for PostgreSQL.</summary>
    public string? Folder => folder;

    /// <summary>Configuration keys that point the server or the CLI at this database.</summary>
    public IEnumerable<string> ServerArguments =>
    [
        $"--Lotkeeper:Storage:Provider={Provider}",
        $"--Lotkeeper:Storage:ConnectionString={ConnectionString}",
    ];

    /// <summary>Creates a new empty database; PostgreSQL tests skip (or fail on CI) without a cluster.</summary>
    public static async Task<TestDatabase> CreateAsync(Backend backend, PostgresCluster cluster)
    {
        if (backend == Backend.Postgres)
        {
            return new TestDatabase(backend, await cluster.CreateDatabaseAsync(), cluster, null);
        }

        var folder = Path.Combine(Path.GetTempPath(), "lotkeeper-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return new TestDatabase(backend, $"Data Source={Path.Combine(folder, "lotkeeper.db")}", null, folder);
    }

    public async ValueTask DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DropDatabaseAsync(ConnectionString);
        }

        if (folder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A process under test may still hold the file for a moment; the temporary folder is cleaned later.
            }
        }
    }
}
