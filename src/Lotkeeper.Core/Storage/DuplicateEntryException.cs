namespace Lotkeeper.Storage;

/// <summary>An administrative add named something that already exists (a client code, a zone name).</summary>
public sealed class DuplicateEntryException(string message, Exception? innerException = null)
    : Exception(message, innerException);
