using Lotkeeper.Domain;

namespace Lotkeeper.Tests.Domain;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("14.50", 1450)]
    [InlineData("0.01", 1)]
    [InlineData("999999.99", 99_999_999)]
    [InlineData("000014.50", 1450)]
    public void Text_amount_parses(string text, long cents)
    {
        Assert.True(Money.TryParseText(text, out var parsed));
        Assert.Equal(cents, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("14")]
    [InlineData("14.5")]
    [InlineData("14.500")]
    [InlineData("0.00")]
    [InlineData("1000000.00")]
    [InlineData("-1.00")]
    [InlineData("+1.00")]
    [InlineData(" 14.50")]
    [InlineData("14.50 ")]
    [InlineData("14.50\n")]
    [InlineData("14,50")]
    [InlineData("１４.50")]
    [InlineData("1e1.00")]
    public void Invalid_text_amount_is_rejected(string text)
    {
        Assert.False(Money.TryParseText(text, out _));
    }

    [Theory]
    [InlineData("14.5", 1450)]
    [InlineData("14", 1400)]
    [InlineData("14.500", 1450)]
    [InlineData("0.01", 1)]
    [InlineData("999999.99", 99_999_999)]
    [InlineData("1.5e1", 1500)]
    [InlineData("1E2", 10000)]
    public void Number_amount_parses(string number, long cents)
    {
        Assert.True(Money.TryParseNumber(number, out var parsed));
        Assert.Equal(cents, parsed);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-14.50")]
    [InlineData("14.505")]
    [InlineData("1e28")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("0.001")]
    [InlineData("1000000")]
    [InlineData("999999.991")]
    [InlineData("1e400")]
    [InlineData("1e-400")]
    public void Invalid_number_amount_is_rejected(string number)
    {
        Assert.False(Money.TryParseNumber(number, out _));
    }

    [Theory]
    [InlineData(1, "0.01")]
    [InlineData(1450, "14.50")]
    [InlineData(99_999_999, "999999.99")]
    public void Cents_format_with_two_decimals(long cents, string text)
    {
        Assert.Equal(text, Money.Format(cents));
    }
}
