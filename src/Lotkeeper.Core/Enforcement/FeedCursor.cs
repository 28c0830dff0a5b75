using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Lotkeeper.Enforcement;

/// <summary>
/// The position in a zone's permit feed that a page token encodes. A feed starts by listing the zone's unexpired
/// permits in storage id order, then continues with every change numbered above <see cref="Sequence"/>.
/// </summary>
/// <param name="Sequence">
/// The client's change sequence number read before the listing started, or the last change already sent.
/// </param>
/// <param name="AfterId">
/// During the first listing, the storage id of the last permit sent; null once that listing is done.
/// </param>
/// <remarks>
/// The token is base64url text of <c>u.SEQUENCE.ID</c> or <c>c.SEQUENCE</c>. It holds only numbers that the database
/// keeps, so a token stays valid across restarts and across app instances on one database.
/// </remarks>
public sealed record FeedCursor(long Sequence, long? AfterId)
{
    public string Encode()
    {
        var text = AfterId is { } afterId
            ? string.Create(CultureInfo.InvariantCulture, $"u.{Sequence}.{afterId}")
            : string.Create(CultureInfo.InvariantCulture, $"c.{Sequence}");
        return Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));
    }

    /// <summary>Decodes a token made by <see cref="Encode"/>; returns null for anything else.</summary>
    public static FeedCursor? Decode(string token)
    {
        if (token.Length is 0 or > 100 || !Base64Url.IsValid(token))
        {
            return null;
        }

        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token)).Split('.');
        return parts switch
        {
            ["c", var sequence] when TryParse(sequence, out var s) => new FeedCursor(s, null),
            ["u", var sequence, var id] when TryParse(sequence, out var s) && TryParse(id, out var i) =>
                new FeedCursor(s, i),
            _ => null,
        };
    }

    private static bool TryParse(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 0;
}
