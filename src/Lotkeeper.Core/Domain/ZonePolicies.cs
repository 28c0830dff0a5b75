namespace Lotkeeper.Domain;

/// <summary>Wire names of <see cref="ZonePolicy"/>: <c>strict</c> and <c>auto-create</c>.</summary>
public static class ZonePolicies
{
    public static string NameOf(ZonePolicy policy) => policy == ZonePolicy.AutoCreate ? "auto-create" : "strict";

    /// <summary>Parses <c>strict</c> or <c>auto-create</c>, in any case.</summary>
    /// <exception cref="FormatException">Any other text.</exception>
    public static ZonePolicy Parse(string text) => text.Trim().ToUpperInvariant() switch
    {
        "STRICT" => ZonePolicy.Strict,
        "AUTO-CREATE" => ZonePolicy.AutoCreate,
        _ => throw new FormatException($"'{text}' is not a zone policy. Use 'strict' or 'auto-create'."),
    };
}
