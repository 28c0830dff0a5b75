namespace Lotkeeper.Storage;

/// <summary>
/// The database could not be reached or did not complete the operation, and retrying in the store did not help.
/// Callers send 9999 with HTTP 503. Whether a failed commit took effect is unknown.
/// </summary>
public sealed class StorageUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
