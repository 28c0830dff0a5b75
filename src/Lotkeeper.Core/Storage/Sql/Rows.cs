using Lotkeeper.Domain;

namespace Lotkeeper.Storage.Sql;

// Dapper maps query columns onto these by name; the records the rest of the code uses are built from them.

internal sealed class ClientRow
{
    public long Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string TimeZone { get; set; } = "";

    public string Currency { get; set; } = "";

    public string ZonePolicy { get; set; } = "";

    public long GraceSeconds { get; set; }

    public long RecentlyExpiredSeconds { get; set; }

    public long CreatedAt { get; set; }

    public ClientRecord ToRecord() => new(
        Id,
        Code,
        Name,
        TimeZone,
        Currency,
        ZonePolicies.Parse(ZonePolicy),
        TimeSpan.FromSeconds(GraceSeconds),
        TimeSpan.FromSeconds(RecentlyExpiredSeconds),
        UnixTime.FromMicroseconds(CreatedAt));
}

internal sealed class ZoneRow
{
    public long Id { get; set; }

    public long ClientId { get; set; }

    public string Name { get; set; } = "";

    public string? TimeZone { get; set; }

    public long CreatedAt { get; set; }

    public ZoneRecord ToRecord() => new(Id, ClientId, Name, TimeZone, UnixTime.FromMicroseconds(CreatedAt));
}

internal sealed class TokenRow
{
    public string Id { get; set; } = "";

    public long ClientId { get; set; }

    public string Name { get; set; } = "";

    public string Hash { get; set; } = "";

    public string Permissions { get; set; } = "";

    public long CreatedAt { get; set; }

    public long? ExpiresAt { get; set; }

    public long? RevokedAt { get; set; }

    public long? LastUsedAt { get; set; }

    public TokenRecord ToRecord() => new(
        Id,
        ClientId,
        Name,
        PermissionNames.Parse(Permissions),
        UnixTime.FromMicroseconds(CreatedAt),
        UnixTime.FromMicroseconds(ExpiresAt),
        UnixTime.FromMicroseconds(RevokedAt),
        UnixTime.FromMicroseconds(LastUsedAt));
}

internal sealed class PermitRow
{
    public long Id { get; set; }

    public string ReferenceId { get; set; } = "";

    public long ClientId { get; set; }

    public long ZoneId { get; set; }

    public string ZoneName { get; set; } = "";

    public string? ZoneTimeZone { get; set; }

    public string? PlateRaw { get; set; }

    public string? PlateNormalized { get; set; }

    public long StartAt { get; set; }

    public long EndAt { get; set; }

    public long? AmountCents { get; set; }

    public string Currency { get; set; } = "";

    public string? PermitNumber { get; set; }

    public string PermitType { get; set; } = "";

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public long? DeletedAt { get; set; }

    public long Version { get; set; }

    public PermitRecord ToRecord()
    {
        if (!PermitTypes.TryParse(PermitType, out var type))
        {
            throw new InvalidDataException($"Permit {ReferenceId} has the unknown stored type '{PermitType}'.");
        }

        return new PermitRecord(
            Id,
            ReferenceId,
            ClientId,
            ZoneId,
            ZoneName,
            ZoneTimeZone,
            PlateRaw,
            PlateNormalized,
            UnixTime.FromMicroseconds(StartAt),
            UnixTime.FromMicroseconds(EndAt),
            AmountCents,
            Currency,
            PermitNumber,
            type,
            UnixTime.FromMicroseconds(CreatedAt),
            UnixTime.FromMicroseconds(UpdatedAt),
            UnixTime.FromMicroseconds(DeletedAt),
            (int)Version);
    }
}

internal sealed class EventRow
{
    public long Id { get; set; }

    public long PermitId { get; set; }

    public string Kind { get; set; } = "";

    public string? TokenId { get; set; }

    public long At { get; set; }

    public string Changes { get; set; } = "[]";

    public PermitEvent ToRecord() => new(
        Id,
        PermitId,
        Enum.Parse<PermitEventKind>(Kind, ignoreCase: true),
        TokenId,
        UnixTime.FromMicroseconds(At),
        EventChanges.Deserialize(Changes));
}

internal sealed class StatsQueryRow
{
    public long ZoneId { get; set; }

    public string Zone { get; set; } = "";

    public string ZoneKey { get; set; } = "";

    public string PermitType { get; set; } = "";

    public long Total { get; set; }

    /// <summary>1 on the row that reports a compaction point after the request's instant, else 0.</summary>
    public long Stale { get; set; }
}
