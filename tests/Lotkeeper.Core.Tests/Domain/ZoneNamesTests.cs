using Lotkeeper.Domain;

namespace Lotkeeper.Tests.Domain;

public sealed class ZoneNamesTests
{
    [Theory]
    [InlineData("Lot 4", "Lot 4")]
    [InlineData("  Lot   4  ", "Lot 4")]
    [InlineData("Lot\t4", "Lot 4")]
    [InlineData("Lot\u00a04", "Lot 4")]
    [InlineData("Red\n\nLot", "Red Lot")]
    [InlineData("   ", "")]
    public void Clean_trims_and_collapses_spaces(string name, string cleaned)
    {
        Assert.Equal(cleaned, ZoneNames.Clean(name));
    }

    [Theory]
    [InlineData("Lot 4", "lot 4")]
    [InlineData("Lot 4", " LOT  4 ")]
    [InlineData("Street parking", "street\tPARKING")]
    [InlineData("Öst", "öst")]
    public void Names_differing_in_case_and_spaces_match(string left, string right)
    {
        Assert.Equal(ZoneNames.KeyOf(left), ZoneNames.KeyOf(right));
    }

    [Theory]
    [InlineData("Lot 4", "Lot 5")]
    [InlineData("Lot 4", "Lot4")]
    [InlineData("Lot-4", "Lot 4")]
    public void Different_names_do_not_match(string left, string right)
    {
        Assert.NotEqual(ZoneNames.KeyOf(left), ZoneNames.KeyOf(right));
    }
}
