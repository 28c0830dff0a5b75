using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lotkeeper.Api;

/// <summary>Source-generated serializers of the OPS-COM responses.</summary>
[JsonSerializable(typeof(PermitSavedResponse))]
[JsonSerializable(typeof(OpsComError))]
[JsonSerializable(typeof(StatsResponse))]
internal sealed partial class OpsComJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context every OPS-COM response is written with. The default encoder writes an apostrophe as
    /// <c>\u0027</c>, so "The field's value is invalid." would not go out character for character; this one escapes
    /// only what JSON requires (quotes, backslashes and control characters).
    /// </summary>
    public static OpsComJsonContext Wire { get; } =
        new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
