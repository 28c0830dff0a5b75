namespace Lotkeeper.Storage;

/// <summary>One entry of a permit's history, written in the same transaction as the change it records.</summary>
/// <param name="TokenId">Public id of the token that made the change, or null for an administrator.</param>
/// <param name="Changes">For a creation every attribute, for an update the changed ones, for a deletion none.</param>
public sealed record PermitEvent(
    long Id,
    long PermitId,
    PermitEventKind Kind,
    string? TokenId,
    DateTimeOffset At,
    IReadOnlyList<FieldChange> Changes);
