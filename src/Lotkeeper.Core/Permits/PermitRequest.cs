namespace Lotkeeper.Permits;

/// <summary>A request to the permits API after the body was parsed, before any rule was applied.</summary>
/// <param name="ClientCode">The <c>{client}</c> path segment as sent.</param>
/// <param name="Attributes">The attributes found in the body; missing ones count as absent.</param>
public sealed record PermitRequest(string ClientCode, IReadOnlyDictionary<PermitAttribute, InputValue> Attributes)
{
    public InputValue this[PermitAttribute attribute] =>
        Attributes.TryGetValue(attribute, out var value) ? value : InputValue.Absent;

    /// <summary>Lower-case hex SHA-256 of the body's bytes, compared for idempotency keys, or empty.</summary>
    public string BodyHash { get; init; } = "";
}
