using System.Text.Json;

namespace Lotkeeper.Storage;

/// <summary>The JSON form of an event's changes, as stored in the <c>changes</c> column.</summary>
public static class EventChanges
{
    public static string Serialize(IReadOnlyList<FieldChange> changes) =>
        JsonSerializer.Serialize(changes, EventChangesJsonContext.Default.IReadOnlyListFieldChange);

    public static IReadOnlyList<FieldChange> Deserialize(string json) =>
        JsonSerializer.Deserialize(json, EventChangesJsonContext.Default.IReadOnlyListFieldChange) ?? [];
}
