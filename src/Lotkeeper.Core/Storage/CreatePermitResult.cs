namespace Lotkeeper.Storage;

/// <summary>
/// Outcome of <see cref="IPermitStore.CreatePermitAsync"/>: the new permit, or the live permit that already has the
/// push's permit number in that zone (nothing was written then).
/// </summary>
public sealed record CreatePermitResult(PermitRecord Permit, bool Created);
