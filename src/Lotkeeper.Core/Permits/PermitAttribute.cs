namespace Lotkeeper.Permits;

/// <summary>The attributes of the permits API; <see cref="PermitAttributes"/> lists their JSON keys.</summary>
public enum PermitAttribute
{
    Token,
    ReferenceId,
    Plate,
    Amount,
    Currency,
    Zone,
    PermitNumber,
    PermitType,
    Start,
    End,
    Zones,
}
