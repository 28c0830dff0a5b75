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

    public PostgresDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Timeout == 15)
        {
            // A database that is away should fail a request quickly rather than hold it past its timeout.
            builder.Timeout = 5;
        }

        this.connectionString = builder.ConnectionString;
        dataSource = NpgsqlDataSource.Create(this.connectionString);
        Description = $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    public string Provider => "postgresql";

    public string Description { get; }

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask<IDisposable> EnterWriteAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IDisposable>(NoTurn.Instance);

    public DatabaseErrorKind Classify(Exception exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => DatabaseErrorKind.UniqueViolation,
        PostgresException postgres when IsTransientState(postgres.SqlState) => DatabaseErrorKind.Transient,
        NpgsqlException { IsTransient: true } => DatabaseErrorKind.Transient,
        NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException or TimeoutException } =>
            DatabaseErrorKind.Transient,
        _ => DatabaseErrorKind.Other,
    };

    public void Migrate()
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

    public void Dispose() => dataSource.Dispose();

    // Class 08 is connection exceptions, 57P01 to 57P03 a server shutting down or starting, 40001 and 40P01
    // serialization failures and deadlocks, 53300 too many connections.
    private static bool IsTransientState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.SerializationFailure
            or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.TooManyConnections;

    private sealed class NoTurn : IDisposable
    {
        public static readonly NoTurn Instance = new();

        public void Dispose()
        {
        }
    }
}
