using Lotkeeper.Domain;

namespace Lotkeeper.Tests.Domain;

public sealed class PlateTests
{
    [Theory]
    [InlineData("ABC123", "ABC123")]
    [InlineData("ABC-123", "ABC123")]
    [InlineData("abc 123", "ABC123")]
    [InlineData("a.b.c", "ABC")]
    [InlineData(" ABC\u00a0123 ", "ABC123")]
    [InlineData("ABC\u200b123", "ABC123")]
    [InlineData("ABC\u200c123", "ABC123")]
    [InlineData("ABC\u200d123", "ABC123")]
    [InlineData("ABC\u2060123", "ABC123")]
    [InlineData("\ufeffABC123", "ABC123")]
    [InlineData("ABC\u2028123", "ABC123")]
    [InlineData("ABC\u0085123", "ABC123")]
    [InlineData("öl", "ÖL")]
    [InlineData("Élan", "ÉLAN")]
    [InlineData("E\u0301lan", "ÉLAN")]
    [InlineData("ß1", "ß1")]
    [InlineData("𝐀1", "𝐀1")]
    public void Valid_plate_is_normalised(string raw, string normalized)
    {
        var status = Plate.TryParse(raw, out var plate);

        Assert.Equal(PlateParseStatus.Valid, status);
        Assert.Equal(raw, plate!.Raw);
        Assert.Equal(normalized, plate.Normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u00a0\u200b\ufeff")]
    [InlineData("\t\n")]
    public void Blank_plate_is_blank(string raw)
    {
        var status = Plate.TryParse(raw, out var plate);

        Assert.Equal(PlateParseStatus.Blank, status);
        Assert.Null(plate);
    }

    [Theory]
    [InlineData("-")]
    [InlineData(". -")]
    [InlineData("ABC\u202e123")]
    [InlineData("ABC\u202a")]
    [InlineData("ABC\u2066")]
    [InlineData("ABC\u2069")]
    [InlineData("ABC\u200e")]
    [InlineData("ABC\u200f")]
    [InlineData("ABC\u0000")]
    [InlineData("ABC\u0001")]
    [InlineData("ABC\u00ad")]
    [InlineData("ABC_1")]
    [InlineData("ABC/1")]
    [InlineData("ABC'1")]
    [InlineData("ABC😀")]
    [InlineData("１２３")]
    [InlineData("٣")]
    [InlineData("\ud800")]
    [InlineData("ABC\udc00")]
    public void Other_characters_are_invalid(string raw)
    {
        var status = Plate.TryParse(raw, out var plate);

        Assert.Equal(PlateParseStatus.InvalidCharacter, status);
        Assert.Null(plate);
    }

    [Fact]
    public void Twenty_five_characters_are_valid()
    {
        var status = Plate.TryParse(new string('A', 25), out _);

        Assert.Equal(PlateParseStatus.Valid, status);
    }

    [Theory]
    [InlineData(26)]
    [InlineData(64)]
    public void Over_twenty_five_characters_too_long(int length)
    {
        var status = Plate.TryParse(new string('A', length), out _);

        Assert.Equal(PlateParseStatus.TooLong, status);
    }

    [Fact]
    public void Letters_outside_basic_plane_count_once()
    {
        var status = Plate.TryParse(string.Concat(Enumerable.Repeat("𝐀", 25)), out var plate);

        Assert.Equal(PlateParseStatus.Valid, status);
        Assert.Equal(50, plate!.Normalized.Length);
    }

    [Fact]
    public void Sixty_four_raw_characters_are_valid()
    {
        var status = Plate.TryParse("A" + new string('-', 63), out var plate);

        Assert.Equal(PlateParseStatus.Valid, status);
        Assert.Equal("A", plate!.Normalized);
    }

    [Fact]
    public void Sixty_five_raw_characters_too_long()
    {
        var status = Plate.TryParse("A" + new string(' ', 64), out _);

        Assert.Equal(PlateParseStatus.TooLong, status);
    }

    [Fact]
    public void Spellings_normalise_alike()
    {
        var spellings = new[] { "ABC-123", "abc 123", "A.B.C 1-2-3", "abc\u00a0123" };

        var normalized = spellings.Select(Plate.NormalizeOrNull).Distinct().ToList();

        Assert.Equal(["ABC123"], normalized);
    }

    [Fact]
    public void Invalid_plate_normalises_to_null()
    {
        Assert.Null(Plate.NormalizeOrNull("ABC$"));
    }
}
