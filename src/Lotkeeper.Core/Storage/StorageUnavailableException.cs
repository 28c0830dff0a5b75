namespace Lotkeeper.Storage;

/// <summary>
/// The database could not be reached or did not complete the operation, and retrying in the store did not help.
/// Callers answer 9999 with HTTP 503; nothing was committed.
/// </summary>
public sealed class StorageUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
