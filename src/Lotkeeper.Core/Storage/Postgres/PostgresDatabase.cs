using System.Data.Common;
using DbUp;
using Lotkeeper.Storage.Sql;
using Npgsql;

namespace Lotkeeper.Storage.Postgres;

/// <summary>
/// A PostgreSQL database reached through one pooled <see cref="NpgsqlDataSource"/>. Several app instances may share
/// it: unique indexes and version checks, not process-local locks, keep concurrent writes consistent.
/// </summary>
public sealed class PostgresDatabase : ISqlDatabase, IDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly string connectionString;

    /// <summary>Connect timeout in seconds used when the connection string sets none (Npgsql's own is 15).</summary>
    public const int DefaultConnectTimeoutSeconds = 3;

    /// <summary>Command timeout in seconds used when the connection string sets none (Npgsql's own is 30).</summary>
    public const int DefaultCommandTimeoutSeconds = 10;

    /// <summary>
    /// Statements Npgsql prepares automatically per connection when the connection string sets no
    /// <c>Max Auto Prepare</c> (Npgsql's own default is 0, no automatic preparation). A statement is prepared after
    /// its fifth use on a connection (Npgsql's <c>Auto Prepare Min Usages</c>). The store has about 50 statement texts
    /// in all, most of them for admin commands, so 64 leaves room for those in use without evicting one another.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <param name="connectionString">
    /// An Npgsql connection string. When it does not set <c>Timeout</c> or <c>Command Timeout</c>, they are
    /// <see cref="DefaultConnectTimeoutSeconds"/> and <see cref="DefaultCommandTimeoutSeconds"/>, so that a database
    /// that is away fails a request within seconds instead of holding it. When it does not set
    /// <c>Max Auto Prepare</c>, it is <see cref="DefaultMaxAutoPrepare"/>: set <c>Max Auto Prepare=0</c> behind a
    /// pooler in transaction mode that does not track prepared statements.
    /// </param>
    public PostgresDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var configured = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!HasKey(configured, "timeout"))
        {
            builder.Timeout = DefaultConnectTimeoutSeconds;
        }

        if (!HasKey(configured, "commandtimeout"))
        {
            builder.CommandTimeout = DefaultCommandTimeoutSeconds;
        }

        if (!HasKey(configured, "maxautoprepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        this.connectionString = builder.ConnectionString;
        dataSource = NpgsqlDataSource.Create(this.connectionString);

        // A multi-host list carries its ports in Host ("db1:5432,db2:5432"); Port is only the default.
        Description = builder.Host?.Contains(',', StringComparison.Ordinal) == true
            ? $"{builder.Host}/{builder.Database}"
            : $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    // "LOTKEEP" in ASCII: the advisory lock key that migrations hold. Other software on the database must not use it.
    private const long MigrationLockKey = 0x4C4F544B454550;

    // Time an instance waits for another instance's migration before its start-up fails.
    private const int MigrationLockTimeoutSeconds = 300;

    public string Provider => "postgresql";

    public string Description { get; }

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    public GroupCommitWriter? Writer => null;

    public ChangeNumbering ChangeNumbering => ChangeNumbering.AfterCommit;

    public DatabaseErrorKind Classify(Exception exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => DatabaseErrorKind.UniqueViolation,
        PostgresException postgres when IsConnectionState(postgres.SqlState) => DatabaseErrorKind.ConnectionLost,
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }
            => DatabaseErrorKind.Transient,
        PostgresException => DatabaseErrorKind.Other,

        // Every other NpgsqlException comes from the driver, not the server: a failed connect, a broken socket, a
        // timeout, an exhausted pool, or no host of a multi-host list that is up and primary.
        NpgsqlException => DatabaseErrorKind.ConnectionLost,
        _ => DatabaseErrorKind.Other,
    };

    public void ClearPool() => dataSource.Clear();

    /// <summary>
    /// Applies pending migrations while holding a transaction-level advisory lock, so that app instances starting
    /// together on one database take turns: the first migrates and the others then find nothing pending.
    /// </summary>
    /// <remarks>
    /// A transaction-level lock, unlike a session-level one, also holds through PgBouncer in transaction pooling
    /// mode, which keeps one server connection for the whole transaction. Ending the transaction releases it, also
    /// when the migration throws.
    /// </remarks>
    public void Migrate()
    {
        var lockConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        using var lockConnection = new NpgsqlConnection(lockConnectionString.ConnectionString);
        lockConnection.Open();
        using var lockTransaction = lockConnection.BeginTransaction();
        using (var acquire = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", lockConnection, lockTransaction))
        {
            acquire.Parameters.AddWithValue("key", MigrationLockKey);
            acquire.CommandTimeout = MigrationLockTimeoutSeconds;
            acquire.ExecuteNonQuery();
        }

        RunMigrations();
        lockTransaction.Commit();
    }

    public void Dispose() => dataSource.Dispose();

    private void RunMigrations()
    {
        var result = DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(
                typeof(PostgresDatabase).Assembly,
                name => name.Contains(".Storage.Postgres.Migrations.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"Migrating the PostgreSQL database {Description} failed at script {result.ErrorScript?.Name}.",
                result.Error);
        }
    }

    // Class 08 is connection exceptions; 57P01 to 57P03 a server shutting down, crashed or still starting; 53300 too
    // many connections; 25006 a write on a server that is now a read-only standby, after a failover moved the primary.
    private static bool IsConnectionState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
            or PostgresErrorCodes.ReadOnlySqlTransaction;

    // Npgsql accepts keys in any case and with or without spaces ("Command Timeout", "commandtimeout").
    private static bool HasKey(DbConnectionStringBuilder configured, string normalizedKey) =>
        configured.Keys.Cast<string>().Any(key =>
            string.Equals(
                key.Replace(" ", "", StringComparison.Ordinal), normalizedKey, StringComparison.OrdinalIgnoreCase));
}
