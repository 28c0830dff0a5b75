using System.Collections.Frozen;

namespace Lotkeeper.Permits;

/// <summary>
/// The JSON keys each attribute accepts, matched ignoring case. The first key of each list is the name that error
/// responses put in <c>Field</c>.
/// </summary>
public static class PermitAttributes
{
    private static readonly FrozenDictionary<PermitAttribute, string[]> KeysByAttribute =
        new Dictionary<PermitAttribute, string[]>
        {
            [PermitAttribute.Token] = ["apiToken", "api_token"],
            [PermitAttribute.ReferenceId] = ["referenceID", "reference_id"],
            [PermitAttribute.Plate] = ["LicencePlate", "LicensePlate", "plate"],
            [PermitAttribute.Amount] = ["Amount"],
            [PermitAttribute.Currency] = ["CurrencyID", "currency"],
            [PermitAttribute.Zone] = ["zone"],
            [PermitAttribute.PermitNumber] = ["permitNo", "permitNumber"],
            [PermitAttribute.PermitType] = ["permitType", "type"],
            [PermitAttribute.Start] = ["startTime", "StartDateUtc"],
            [PermitAttribute.End] = ["endTime", "EndDateUtc"],
            [PermitAttribute.Zones] = ["zones"],
        }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, PermitAttribute> AttributesByKey = KeysByAttribute
        .SelectMany(entry => entry.Value.Select(key => (Key: key, Attribute: entry.Key)))
        .ToFrozenDictionary(pair => pair.Key, pair => pair.Attribute, StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns the keys <paramref name="attribute"/> accepts.</summary>
    public static IReadOnlyList<string> KeysOf(PermitAttribute attribute) => KeysByAttribute[attribute];

    /// <summary>Returns the key named in error responses, such as <c>LicencePlate</c>.</summary>
    public static string FieldOf(PermitAttribute attribute) => KeysByAttribute[attribute][0];

    /// <summary>Finds the attribute a JSON key belongs to, ignoring case; unknown keys give false.</summary>
    public static bool TryFind(string key, out PermitAttribute attribute) =>
        AttributesByKey.TryGetValue(key, out attribute);
}
