using Lotkeeper.Domain;

namespace Lotkeeper.Tests.Domain;

public sealed class ClientCodesTests
{
    [Theory]
    [InlineData("OC-TOMA", "OC_TOMA")]
    [InlineData("OC-TOMA", "oc_toma")]
    [InlineData("OC-TOMA", "oc-toma")]
    [InlineData("OC_TOMA", "Oc-Toma")]
    public void Spellings_share_one_key(string left, string right)
    {
        Assert.Equal(ClientCodes.KeyOf(left), ClientCodes.KeyOf(right));
    }

    [Theory]
    [InlineData("OC-TOMA", "OCTOMA")]
    [InlineData("OC-TOMA", "OC--TOMA")]
    [InlineData("OC-TOMA", "OC TOMA")]
    public void Different_codes_have_different_keys(string left, string right)
    {
        Assert.NotEqual(ClientCodes.KeyOf(left), ClientCodes.KeyOf(right));
    }

    [Fact]
    public void Key_is_upper_case_with_hyphens()
    {
        Assert.Equal("OC-TOMA", ClientCodes.KeyOf("oc_toma"));
    }

    [Theory]
    [InlineData("OC-TOMA", true)]
    [InlineData("DEMO", true)]
    [InlineData("a_b-9", true)]
    [InlineData("", false)]
    [InlineData("OC TOMA", false)]
    [InlineData("ÖC", false)]
    [InlineData("OC.TOMA", false)]
    public void Valid_codes_are_ascii_letters_digits_and_separators(string code, bool valid)
    {
        Assert.Equal(valid, ClientCodes.IsValid(code));
    }

    [Fact]
    public void Fifty_characters_is_the_maximum()
    {
        Assert.True(ClientCodes.IsValid(new string('A', 50)));
        Assert.False(ClientCodes.IsValid(new string('A', 51)));
    }
}
