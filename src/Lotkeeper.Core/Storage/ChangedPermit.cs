namespace Lotkeeper.Storage;

/// <summary>A permit, live or deleted, with the sequence number of its latest create, update or delete.</summary>
/// <param name="Sequence">Position of the permit's latest change among all changes of its client.</param>
public sealed record ChangedPermit(PermitRecord Permit, long Sequence);
