namespace Lotkeeper.Domain;

/// <summary>What a push naming a zone the client does not have does.</summary>
public enum ZonePolicy
{
    /// <summary>The push is rejected with 9033.</summary>
    Strict,

    /// <summary>The zone is created with the pushed name.</summary>
    AutoCreate,
}
