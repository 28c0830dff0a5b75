namespace Lotkeeper.Storage;

/// <summary>A token found by its hash, with the client it belongs to and the hash stored for it.</summary>
public sealed record TokenMatch(TokenRecord Token, ClientRecord Client, string StoredHash);
