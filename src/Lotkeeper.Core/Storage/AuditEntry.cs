namespace Lotkeeper.Storage;

/// <summary>One administrative action, as the audit log stores it.</summary>
/// <param name="Action">What was done, such as <c>token.rotate</c>; see <see cref="AuditActions"/>.</param>
/// <param name="ClientCode">The client acted on, or null for actions on no single client (purge).</param>
/// <param name="Subject">The zone name, token id or other object acted on, or null.</param>
/// <param name="Detail">A short human-readable note, never a secret.</param>
public sealed record AuditEntry(
    long Id, DateTimeOffset At, string Action, string? ClientCode, string? Subject, string? Detail);
