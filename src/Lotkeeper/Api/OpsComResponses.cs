using System.Text.Json.Serialization;

namespace Lotkeeper.Api;

/// <summary>Success of push, update and delete. Both ids carry the same value, as in the OPS-COM examples.</summary>
internal sealed record PermitSavedResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reference_id")] string ReferenceId,
    [property: JsonPropertyName("InternalReferenceID")] string InternalReferenceId,
    [property: JsonPropertyName("startTimeUtc"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? StartTimeUtc,
    [property: JsonPropertyName("endTimeUtc"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? EndTimeUtc);
