using Lotkeeper.Domain;

namespace Lotkeeper.Tests.Domain;

public sealed class CurrencyTests
{
    [Theory]
    [InlineData("CAD", "CAD")]
    [InlineData("cad", "CAD")]
    [InlineData("uSd", "USD")]
    [InlineData("EUR", "EUR")]
    [InlineData("XXX", "XXX")]
    public void Iso_code_normalises_to_upper_case(string text, string expected)
    {
        Assert.Equal(expected, Currency.Normalize(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("CA")]
    [InlineData("CADD")]
    [InlineData("ABC")]
    [InlineData("C A")]
    [InlineData(" CAD")]
    [InlineData("$")]
    [InlineData("124")]
    public void Other_text_is_not_a_currency(string text)
    {
        Assert.Null(Currency.Normalize(text));
    }
}
