using System.Text.Json.Serialization;

namespace Lotkeeper.Api;

/// <summary>Source-generated serializers of the OPS-COM responses.</summary>
[JsonSerializable(typeof(PermitSavedResponse))]
[JsonSerializable(typeof(OpsComError))]
[JsonSerializable(typeof(StatsResponse))]
internal sealed partial class OpsComJsonContext : JsonSerializerContext;
