namespace Lotkeeper.Storage;

/// <summary>A permit, live or deleted, with the sequence number of its latest create, update or delete.</summary>
/// <param name="Sequence">
/// Position of the permit's latest change among all changes of its client. On PostgreSQL, where changes are numbered
/// after commit by feed reads, it is 0 for a change not numbered yet, and the numbers are shared by all clients.
/// </param>
public sealed record ChangedPermit(PermitRecord Permit, long Sequence);
