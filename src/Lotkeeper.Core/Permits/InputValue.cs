namespace Lotkeeper.Permits;

/// <summary>One attribute of a request as sent, before validation.</summary>
/// <param name="Text">The string, or the JSON number exactly as written; null for the other kinds.</param>
/// <param name="Key">The key it came under, as sent; times under a key ending in <c>Utc</c> are read as UTC.</param>
public readonly record struct InputValue(InputKind Kind, string? Text = null, string? Key = null)
{
    public static InputValue Absent => default;

    public bool IsAbsent => Kind == InputKind.Absent;

    /// <summary>True when the key ends in <c>Utc</c>, in any case, such as <c>StartDateUtc</c>.</summary>
    public bool KeyMeansUtc => Key?.EndsWith("Utc", StringComparison.OrdinalIgnoreCase) == true;
}
