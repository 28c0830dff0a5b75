using System.Text.Json.Serialization;

namespace Lotkeeper.Storage;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<FieldChange>))]
internal sealed partial class EventChangesJsonContext : JsonSerializerContext;
