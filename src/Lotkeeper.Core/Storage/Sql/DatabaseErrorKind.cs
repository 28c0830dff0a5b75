namespace Lotkeeper.Storage.Sql;

/// <summary>How the store treats a database error, decided from its code by <see cref="ISqlDatabase"/>.</summary>
public enum DatabaseErrorKind
{
    /// <summary>A unique index rejected the row.</summary>
    UniqueViolation,

    /// <summary>The connection, the server or a serialization check failed; the operation may be retried.</summary>
    Transient,

    /// <summary>Anything else: a bug or a broken database, reported as it is.</summary>
    Other,
}
