namespace Lotkeeper.Permits;

/// <summary>
/// An <c>Idempotency-Key</c> header sent with a push, update or delete, with what the service needs to store the
/// response under it.
/// </summary>
/// <param name="Key">
/// The header value as sent, checked by <see cref="IdempotencyKeys.IsValid"/> after the token.
/// </param>
/// <param name="RequestHash">
/// The endpoint and the lower-case hex SHA-256 of the request body's bytes, such as <c>delete:9f86d0...</c>.
/// </param>
/// <param name="RenderResponse">Builds the success body that is sent and stored for a saved permit.</param>
public sealed record IdempotencyKey(string Key, string RequestHash, Func<PermitSaved, string> RenderResponse);
