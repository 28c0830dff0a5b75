using System.Text.Json.Serialization;

namespace Lotkeeper.Api;

/// <summary>The stats response: one row per zone and type with a non-zero count.</summary>
internal sealed record StatsResponse([property: JsonPropertyName("data")] IReadOnlyList<StatsResponseRow> Data);
