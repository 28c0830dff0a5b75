namespace Lotkeeper.Permits;

/// <summary>Rules of the <c>Idempotency-Key</c> header.</summary>
public static class IdempotencyKeys
{
    /// <summary>Header name, as clients send it.</summary>
    public const string HeaderName = "Idempotency-Key";

    /// <summary>Longest key accepted, in characters.</summary>
    public const int MaxLength = 100;

    /// <summary>How long a stored response is replayed for the same key.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>Returns true for 1 to 100 printable ASCII characters (space to tilde), not all spaces.</summary>
    public static bool IsValid(string key) =>
        key.Length is > 0 and <= MaxLength
        && key.All(c => c is >= ' ' and <= '~')
        && !string.IsNullOrWhiteSpace(key);
}
