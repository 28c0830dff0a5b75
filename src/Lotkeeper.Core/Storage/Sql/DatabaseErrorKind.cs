namespace Lotkeeper.Storage.Sql;

/// <summary>How the store treats a database error, decided from its code by <see cref="ISqlDatabase"/>.</summary>
public enum DatabaseErrorKind
{
    /// <summary>A unique index rejected the row.</summary>
    UniqueViolation,

    /// <summary>
    /// The connection broke or could not be opened (server down, restarting, unreachable, too many connections).
    /// Pooled connections may be broken too, so the store clears the pool before it retries.
    /// </summary>
    ConnectionLost,

    /// <summary>A serialization failure or deadlock aborted the transaction; the operation may be retried.</summary>
    Transient,

    /// <summary>Anything else: a bug or a broken database, reported as it is.</summary>
    Other,
}
