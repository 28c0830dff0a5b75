using System.Text.Json.Serialization;

namespace Lotkeeper.Api;

/// <summary>The OPS-COM error envelope, the one error shape of the compatible APIs.</summary>
internal sealed record OpsComError(
    [property: JsonPropertyName("ErrorCode")] int ErrorCode,
    [property: JsonPropertyName("ErrorMessage")] string ErrorMessage,
    [property: JsonPropertyName("Field"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Field,
    [property: JsonPropertyName("Detail"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Detail);
