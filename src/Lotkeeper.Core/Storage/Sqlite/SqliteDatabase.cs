using System.Data.Common;
using DbUp;
using Lotkeeper.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Lotkeeper.Storage.Sqlite;

/// <summary>
/// An SQLite file in WAL mode with <c>synchronous=FULL</c>, so a committed transaction is on disk before the
/// commit returns. Writers of this process take turns through one semaphore.
/// </summary>
public sealed class SqliteDatabase : ISqlDatabase, IDisposable
{
    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN (primary result codes).
    private static readonly int[] TransientCodes = [5, 6, 10, 13, 14];

    private const int UniqueConstraintCode = 2067;
    private const int PrimaryKeyConstraintCode = 1555;

    private readonly string connectionString;
    private readonly SemaphoreSlim writeTurn = new(1, 1);
    private int waitingWriters;

    /// <param name="path">The database file; its folder is created when missing.</param>
    public SqliteDatabase(string path)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Description = fullPath;
    }

    public string Provider => "sqlite";

    public string Description { get; }

    /// <summary>Writers of this process waiting for their turn, the depth of the write queue.</summary>
    public int WaitingWriters => Volatile.Read(ref waitingWriters);

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask<IDisposable> EnterWriteAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref waitingWriters);
        try
        {
            await writeTurn.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref waitingWriters);
        }

        return new WriteTurn(writeTurn);
    }

    public DatabaseErrorKind Classify(Exception exception) => exception switch
    {
        SqliteException { SqliteExtendedErrorCode: UniqueConstraintCode or PrimaryKeyConstraintCode } =>
            DatabaseErrorKind.UniqueViolation,
        SqliteException sqlite when TransientCodes.Contains(sqlite.SqliteErrorCode) => DatabaseErrorKind.Transient,
        _ => DatabaseErrorKind.Other,
    };

    // SQLite connections are file handles that a failure does not leave half-broken, so there is nothing to drop.
    public void ClearPool()
    {
    }

    public void Migrate()
    {
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            command.ExecuteNonQuery();
        }

        var result = DeployChanges.To
            .SqliteDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(
                typeof(SqliteDatabase).Assembly,
                name => name.Contains(".Storage.Sqlite.Migrations.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"Migrating the SQLite database {Description} failed at script {result.ErrorScript?.Name}.",
                result.Error);
        }
    }

    public void Dispose() => writeTurn.Dispose();

    private sealed class WriteTurn(SemaphoreSlim semaphore) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
