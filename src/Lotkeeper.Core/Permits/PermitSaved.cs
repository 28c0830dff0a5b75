namespace Lotkeeper.Permits;

/// <summary>A successful push, update or delete: the permit's reference id and its resolved times.</summary>
/// <param name="Created">False when a push matched an existing permit, or an update changed nothing.</param>
public sealed record PermitSaved(string ReferenceId, DateTimeOffset Start, DateTimeOffset End, bool Created)
{
    /// <summary>
    /// The exact success body to send, set when the request carried an idempotency key: the body stored under the
    /// key, which a repeated request gets back unchanged. Null means the caller renders the body itself.
    /// </summary>
    public string? ResponseBody { get; init; }
}
