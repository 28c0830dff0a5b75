using System.Text.Json;

namespace Lotkeeper.Api;

/// <summary>A request body parsed as one JSON object, with the hex SHA-256 of its bytes for idempotency checks.</summary>
internal sealed record JsonBody(JsonDocument Document, string Sha256) : IDisposable
{
    public void Dispose() => Document.Dispose();
}
