using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Unicode;
using Lotkeeper.Errors;
using Lotkeeper.Hosting;
using Lotkeeper.Permits;
using Microsoft.Net.Http.Headers;

namespace Lotkeeper.Api;

/// <summary>
/// Reads a permits API body into a <see cref="PermitRequest"/>: content type, size, JSON syntax and shape, then the
/// attribute keys, matched ignoring case. Everything here fails with 9003 except a conflict between two keys of one
/// attribute, which the attribute's own check reports.
/// </summary>
internal static class PermitRequestReader
{
    /// <summary>Deepest JSON nesting accepted; a valid request is one level deep.</summary>
    public const int MaxJsonDepth = 32;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxJsonDepth };

    public static async Task<Outcome<PermitRequest>> ReadAsync(
        HttpRequest request, string clientCode, CancellationToken cancellationToken)
    {
        var read = await ReadObjectAsync(request, cancellationToken);
        if (read.Error is not null)
        {
            return read.Error;
        }

        using var body = read.Value!;
        try
        {
            return new PermitRequest(clientCode, CollectAttributes(body.Document.RootElement)) { BodyHash = body.Sha256 };
        }
        catch (InvalidOperationException)
        {
            // A key that is not valid UTF-16 (an escaped unpaired surrogate) cannot be read as a name.
            return Unparsable("A key of the body is not valid Unicode text.");
        }
    }

    /// <summary>
    /// Reads a body that must be one JSON object, applying the content type, size and syntax checks of the OPS-COM
    /// APIs (9003, with HTTP 415 or 413 where they apply). The caller disposes the result.
    /// </summary>
    public static async Task<Outcome<JsonBody>> ReadObjectAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            return new PermitError(
                ErrorCode.UnparsableRequest, Detail: "Send the body with Content-Type: application/json.", Status: 415);
        }

        if (request.ContentLength > ApiOptions.MaxBodyBytes)
        {
            return TooLarge();
        }

        ReadOnlyMemory<byte>? body;
        try
        {
            body = await ReadBodyAsync(request.Body, cancellationToken);
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel's own limits: a body sent slower than the minimum data rate (408) or over its size limit (413).
            return new PermitError(
                ErrorCode.UnparsableRequest,
                Detail: "The body could not be read in time or in full.",
                Status: exception.StatusCode);
        }

        if (body is null)
        {
            return TooLarge();
        }

        // JSON text must be UTF-8. The parser checks the bytes of string values only when they are read, so an
        // invalid byte inside a value would otherwise reach the attribute checks as a wrong-typed value.
        if (!Utf8.IsValid(body.Value.Span))
        {
            return Unparsable("The body must be valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Value, DocumentOptions);
        }
        catch (JsonException)
        {
            return Unparsable($"The body must be valid UTF-8 JSON nested at most {MaxJsonDepth} levels deep.");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return Unparsable("The body must be one JSON object.");
        }

        return new JsonBody(document, Convert.ToHexStringLower(SHA256.HashData(body.Value.Span)));
    }

    private static Dictionary<PermitAttribute, InputValue> CollectAttributes(JsonElement root)
    {
        var attributes = new Dictionary<PermitAttribute, InputValue>();
        foreach (var property in root.EnumerateObject())
        {
            if (!PermitAttributes.TryFind(property.Name, out var attribute))
            {
                continue;
            }

            var value = ToInput(property.Value, property.Name);
            if (value.IsAbsent)
            {
                continue;
            }

            if (attributes.TryGetValue(attribute, out var earlier) && !IsSameValue(earlier, value))
            {
                value = new InputValue(InputKind.Conflict, Key: earlier.Key);
            }
            else if (attributes.ContainsKey(attribute))
            {
                continue;
            }

            attributes[attribute] = value;
        }

        return attributes;
    }

    private static InputValue ToInput(JsonElement element, string key)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return InputValue.Absent;
            case JsonValueKind.Number:
                return new InputValue(InputKind.Number, element.GetRawText(), key);
            case JsonValueKind.String:
                try
                {
                    return new InputValue(InputKind.Text, element.GetString(), key);
                }
                catch (InvalidOperationException)
                {
                    // An escaped unpaired surrogate is valid JSON but not a valid string for any attribute.
                    return new InputValue(InputKind.OtherType, Key: key);
                }

            default:
                return new InputValue(InputKind.OtherType, Key: key);
        }
    }

    // A time under a key ending in "Utc" means something else than the same text under a local-time key.
    private static bool IsSameValue(InputValue left, InputValue right) =>
        left.Kind != InputKind.Conflict
        && left.Kind == right.Kind
        && string.Equals(left.Text, right.Text, StringComparison.Ordinal)
        && left.KeyMeansUtc == right.KeyMeansUtc;

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads at most one byte past the limit; returns null when the body is over it.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ApiOptions.MaxBodyBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= ApiOptions.MaxBodyBytes
                && (read = await body.ReadAsync(buffer.AsMemory(length, ApiOptions.MaxBodyBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
            }

            // Not a conditional expression: its type would be byte[], and a null byte[] converts to an empty
            // memory rather than to null, so an oversized body would be read as an empty one.
            if (length > ApiOptions.MaxBodyBytes)
            {
                return null;
            }

            return buffer.AsMemory(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static PermitError Unparsable(string detail) => new(ErrorCode.UnparsableRequest, Detail: detail);

    private static PermitError TooLarge() => new(
        ErrorCode.UnparsableRequest,
        Detail: $"The body is over the limit of {ApiOptions.MaxBodyBytes} bytes.",
        Status: 413);
}
