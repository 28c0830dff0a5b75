using Lotkeeper.Domain;

namespace Lotkeeper.Tests.Domain;

public sealed class PermitTypesTests
{
    [Theory]
    [InlineData("standard", PermitType.Standard)]
    [InlineData("Standard", PermitType.Standard)]
    [InlineData("temp", PermitType.Temp)]
    [InlineData("TEMP", PermitType.Temp)]
    [InlineData("temporary", PermitType.Temp)]
    [InlineData("validator", PermitType.Validator)]
    public void Wire_names_parse(string text, PermitType expected)
    {
        Assert.True(PermitTypes.TryParse(text, out var type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData("")]
    [InlineData("weekly")]
    [InlineData(" temp")]
    [InlineData("temp ")]
    [InlineData("0")]
    [InlineData("Standard1")]
    public void Other_names_are_rejected(string text)
    {
        Assert.False(PermitTypes.TryParse(text, out _));
    }

    [Theory]
    [InlineData(PermitType.Standard, "standard", "standard")]
    [InlineData(PermitType.Temp, "temp", "temp")]
    [InlineData(PermitType.Validator, "validator", "temp")]
    public void Names_stored_and_reported(PermitType type, string stored, string reported)
    {
        Assert.Equal(stored, PermitTypes.NameOf(type));
        Assert.Equal(reported, PermitTypes.ReportedNameOf(type));
    }
}
