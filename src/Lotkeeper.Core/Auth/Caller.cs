using Lotkeeper.Storage;

namespace Lotkeeper.Auth;

/// <summary>An authenticated request's client and token.</summary>
public sealed record Caller(ClientRecord Client, TokenRecord Token);
