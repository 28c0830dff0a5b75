namespace Lotkeeper.Storage.Sql;

/// <summary>A row of <c>idempotency_keys</c> as Dapper reads it.</summary>
internal sealed class IdempotencyRow
{
    public long ClientId { get; set; }

    public string IdempotencyKey { get; set; } = "";

    public string RequestHash { get; set; } = "";

    public string ReferenceId { get; set; } = "";

    public long ResponseStatus { get; set; }

    public string ResponseBody { get; set; } = "";

    public long CreatedAt { get; set; }

    public long ExpiresAt { get; set; }

    public IdempotencyEntry ToRecord() => new(
        ClientId,
        IdempotencyKey,
        RequestHash,
        ReferenceId,
        (int)ResponseStatus,
        ResponseBody,
        UnixTime.FromMicroseconds(CreatedAt),
        UnixTime.FromMicroseconds(ExpiresAt));
}
