using System.Data.Common;

namespace Lotkeeper.Storage.Sql;

/// <summary>What <see cref="SqlStore"/> needs from one database engine beyond the shared SQL.</summary>
public interface ISqlDatabase
{
    /// <summary>Short name for logs and the ready check: <c>sqlite</c> or <c>postgresql</c>.</summary>
    string Provider { get; }

    /// <summary>Where the data lives, without credentials, for the start-up log line.</summary>
    string Description { get; }

    /// <summary>Opens a pooled connection configured for this engine.</summary>
    ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The writer that runs every write of this process through one connection, batching concurrent writes into
    /// shared commits, or null when each write runs in its own transaction on a pooled connection. SQLite allows one
    /// writer at a time and waits for an fsync per commit, so it batches; PostgreSQL runs writers side by side.
    /// </summary>
    GroupCommitWriter? Writer { get; }

    /// <summary>
    /// When permit changes are numbered for the change feeds. SQLite numbers them in the write transaction, because
    /// its writes run one at a time anyway; PostgreSQL numbers them after commit, so that concurrent writers of one
    /// client do not queue on a counter row.
    /// </summary>
    ChangeNumbering ChangeNumbering { get; }

    /// <summary>Classifies a provider exception by its error code or type, never by its message text.</summary>
    DatabaseErrorKind Classify(Exception exception);

    /// <summary>
    /// Drops the idle pooled connections. Called after <see cref="DatabaseErrorKind.ConnectionLost"/>, because a
    /// server that restarted may leave pooled connections broken and the next attempt could take one of them.
    /// </summary>
    void ClearPool();

    /// <summary>Applies pending migrations of this engine.</summary>
    void Migrate();
}
