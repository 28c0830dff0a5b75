namespace Lotkeeper.Storage;

/// <summary>
/// Thrown by a write that carried an idempotency entry when another request of the same client stored a live entry
/// under the same key first. The write's transaction was rolled back, so nothing of it is stored.
/// </summary>
public sealed class IdempotencyKeyTakenException(long clientId, string key)
    : Exception("Another request stored a response under the same idempotency key first.")
{
    public long ClientId => clientId;

    public string Key => key;
}
