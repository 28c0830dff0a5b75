using System.Text.Json.Serialization;

namespace Lotkeeper.Api;

/// <summary>Source-generated serializers of the native enforcement API, with camelCase keys.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(EnforcementWire.Validity))]
[JsonSerializable(typeof(EnforcementWire.BatchRequest))]
[JsonSerializable(typeof(EnforcementWire.BatchResponse))]
[JsonSerializable(typeof(EnforcementWire.ZoneList))]
[JsonSerializable(typeof(EnforcementWire.PermitPage))]
[JsonSerializable(typeof(EnforcementWire.Permit))]
[JsonSerializable(typeof(EnforcementWire.History))]
internal sealed partial class EnforcementJsonContext : JsonSerializerContext;
