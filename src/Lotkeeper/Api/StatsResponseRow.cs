using System.Text.Json.Serialization;

namespace Lotkeeper.Api;

/// <summary>One stats row; <c>total</c> is a string, as OPS-COM sends it.</summary>
internal sealed record StatsResponseRow(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("zone")] string Zone,
    [property: JsonPropertyName("total")] string Total);
