namespace Lotkeeper.Domain;

/// <summary>Kind of permit. Stats count <see cref="Validator"/> permits as <see cref="Temp"/>.</summary>
public enum PermitType
{
    Standard,
    Temp,
    Validator,
}
