using System.Security.Cryptography;
using System.Text;

namespace Lotkeeper.Auth;

/// <summary>API token secrets: generation, shape check and the hash that is stored in their place.</summary>
public static class ApiTokens
{
    /// <summary>Length of a generated token; 50 characters of a 63-character alphabet carry about 298 bits.</summary>
    public const int Length = 50;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-";

    /// <summary>Generates a new secret from the operating system's cryptographic random source.</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Returns true when <paramref name="token"/> could be a token: 1 to 50 of <c>A-Z a-z 0-9 -</c>.</summary>
    public static bool IsWellFormed(string token) =>
        token.Length is > 0 and <= Length && token.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>Returns the lower-case hex SHA-256 of the token's UTF-8 bytes, the only form that is stored.</summary>
    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Compares two hex hashes in time that does not depend on where they differ.</summary>
    public static bool HashesEqual(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(left), Encoding.ASCII.GetBytes(right));
}
