using Lotkeeper.Errors;

namespace Lotkeeper.Permits;

/// <summary>Either a value or the error that rejected the request.</summary>
public readonly record struct Outcome<T>(T? Value, PermitError? Error)
    where T : class
{
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(PermitError error) => new(null, error);
}
