namespace Lotkeeper.Storage;

/// <summary>What a history event records.</summary>
public enum PermitEventKind
{
    Created,
    Updated,
    Deleted,
}
