namespace Lotkeeper.Permits;

/// <summary>A successful push, update or delete: the permit's reference id and its resolved times.</summary>
/// <param name="Created">False when a push matched an existing permit, or an update changed nothing.</param>
public sealed record PermitSaved(string ReferenceId, DateTimeOffset Start, DateTimeOffset End, bool Created);
