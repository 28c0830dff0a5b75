namespace Lotkeeper.Domain;

/// <summary>What a token may do. Stored and shown by the wire names in <see cref="PermissionNames"/>.</summary>
[Flags]
public enum Permissions
{
    None = 0,
    PermitCreate = 1,
    PermitUpdate = 2,
    PermitDelete = 4,
    PermitStats = 8,
    PlateValidate = 16,
    EnforcementRead = 32,
    All = PermitCreate | PermitUpdate | PermitDelete | PermitStats | PlateValidate | EnforcementRead,
}
