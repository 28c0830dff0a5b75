namespace Lotkeeper.Storage;

/// <summary>One attribute's value before and after a change, both formatted as text; null means none.</summary>
public sealed record FieldChange(string Field, string? Old, string? New);
