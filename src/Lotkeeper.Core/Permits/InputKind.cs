namespace Lotkeeper.Permits;

/// <summary>The JSON shape an attribute arrived in.</summary>
public enum InputKind
{
    /// <summary>No key of the attribute, or only JSON nulls.</summary>
    Absent,

    Text,

    Number,

    /// <summary>A boolean, array or object, which no attribute accepts.</summary>
    OtherType,

    /// <summary>Two keys of the attribute carried different values.</summary>
    Conflict,
}
