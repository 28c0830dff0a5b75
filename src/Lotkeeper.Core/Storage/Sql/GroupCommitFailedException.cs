namespace Lotkeeper.Storage.Sql;

/// <summary>
/// The shared transaction of a batch of writes failed (opening it, rolling back a savepoint, or committing), so
/// the writes of that batch may or may not be stored. A write's own error is not wrapped in this.
/// </summary>
public sealed class GroupCommitFailedException(Exception innerException)
    : Exception("The shared transaction of a batch of writes failed.", innerException);
