namespace Lotkeeper.Storage;

/// <summary>Names of the actions in the audit log.</summary>
public static class AuditActions
{
    public const string ClientAdd = "client.add";
    public const string ZoneAdd = "zone.add";
    public const string ZoneRemove = "zone.remove";
    public const string TokenIssue = "token.issue";
    public const string TokenRevoke = "token.revoke";
    public const string TokenRotate = "token.rotate";
    public const string Purge = "purge";
}
