namespace Lotkeeper.Storage.Sql;

/// <summary>A row of <c>audit_log</c> as Dapper reads it.</summary>
internal sealed class AuditRow
{
    public long Id { get; set; }

    public long At { get; set; }

    public string Action { get; set; } = "";

    public string? ClientCode { get; set; }

    public string? Subject { get; set; }

    public string? Detail { get; set; }

    public AuditEntry ToRecord() => new(Id, UnixTime.FromMicroseconds(At), Action, ClientCode, Subject, Detail);
}
