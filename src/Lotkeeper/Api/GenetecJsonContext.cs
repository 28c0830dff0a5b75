using System.Text.Json.Serialization;

namespace Lotkeeper.Api;

/// <summary>
/// Source-generated serializers of the Genetec protocol: keys as the records name them (PascalCase), read ignoring
/// case.
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(IReadOnlyList<GenetecWire.Zone>))]
[JsonSerializable(typeof(GenetecWire.PermitPage))]
[JsonSerializable(typeof(GenetecWire.IsValidRequest))]
[JsonSerializable(typeof(GenetecWire.IsValidResponse))]
[JsonSerializable(typeof(GenetecWire.SearchRequest))]
[JsonSerializable(typeof(GenetecWire.SearchResponse))]
internal sealed partial class GenetecJsonContext : JsonSerializerContext;
