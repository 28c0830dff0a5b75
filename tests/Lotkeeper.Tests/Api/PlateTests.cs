using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Api;

/// <summary>Plates as the API stores them: the raw form as sent and the normalised form used for matching.</summary>
public abstract class PlateTests(Backend backend, PostgresCluster cluster) : PermitsApiTestBase(backend, cluster)
{
    [Theory]
    [InlineData("ABC123", "ABC123")]
    [InlineData("ABC-123", "ABC123")]
    [InlineData("abc 123", "ABC123")]
    [InlineData("a.b.c 1-2-3", "ABC123")]
    [InlineData("ABC\u00a0123", "ABC123")]
    [InlineData("ABC\u200b123", "ABC123")]
    [InlineData("\ufeffABC123", "ABC123")]
    [InlineData("ABC\u200c\u200d\u2060123", "ABC123")]
    [InlineData("ABC\t123\n", "ABC123")]
    [InlineData("\u2003ABC\u3000123", "ABC123")]
    [InlineData("Öl 123", "ÖL123")]
    [InlineData("élan", "ÉLAN")]
    [InlineData("E\u0301T 123", "ÉT123")]
    [InlineData("ΑΒΓ 123", "ΑΒΓ123")]
    [InlineData("京A12345", "京A12345")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXY", "ABCDEFGHIJKLMNOPQRSTUVWXY")]
    [InlineData("ABCDE-FGHIJ-KLMNO-PQRST-UVWXY", "ABCDEFGHIJKLMNOPQRSTUVWXY")]
    public async Task Plate_stored_raw_and_normalised(string sent, string normalized)
    {
        await SetUpClientAsync();

        var referenceId = await PushOkAsync(("LicencePlate", sent));

        var permit = await FindPermitAsync(referenceId);
        Assert.Equal(sent, permit.PlateRaw);
        Assert.Equal(normalized, permit.PlateNormalized);
    }

    [Theory]
    [InlineData("ABC\u202e123")]
    [InlineData("ABC\u2066123")]
    [InlineData("ABC\u2069123")]
    [InlineData("ABC\u200e123")]
    [InlineData("ABC\u200f123")]
    [InlineData("ABC\u202a123")]
    [InlineData("ABC\u0000123")]
    [InlineData("ABC\u0007123")]
    [InlineData("ABC\u007f123")]
    [InlineData("ABC\u00ad123")]
    [InlineData("ABC\ue000123")]
    [InlineData("ABC_123")]
    [InlineData("ABC/123")]
    [InlineData("ABC'123")]
    [InlineData("ABC\"123")]
    [InlineData("ABC<b>")]
    [InlineData("١٢٣ABC")]
    [InlineData("１２３ABC")]
    [InlineData("ABC😀")]
    [InlineData("\u0301")]
    [InlineData("--")]
    public async Task Plate_with_other_characters_returns_9033(string sent)
    {
        await SetUpClientAsync();

        var response = await PushAsync(("LicencePlate", sent));

        await AssertRejectedAsync(response, 9033, "LicencePlate");
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Theory]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ")]
    [InlineData("ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z")]
    [InlineData("ÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖ")]
    public async Task Plate_of_26_normalised_characters_returns_9030(string sent)
    {
        await SetUpClientAsync();

        var response = await PushAsync(("LicencePlate", sent));

        await AssertRejectedAsync(response, 9030, "LicencePlate");
    }

    [Fact]
    public async Task Plate_of_64_raw_characters_accepted()
    {
        await SetUpClientAsync();
        var sent = "ABC" + new string(' ', 58) + "123";

        var referenceId = await PushOkAsync(("LicencePlate", sent));

        Assert.Equal("ABC123", (await FindPermitAsync(referenceId)).PlateNormalized);
    }

    [Fact]
    public async Task Plate_of_65_raw_characters_returns_9030()
    {
        await SetUpClientAsync();

        var response = await PushAsync(("LicencePlate", "ABC" + new string(' ', 59) + "123"));

        await AssertRejectedAsync(response, 9030, "LicencePlate");
    }

    [Fact]
    public async Task Plate_spellings_match_on_duplicate_push()
    {
        await SetUpClientAsync();
        var first = await PushOkAsync(("LicencePlate", "ABC-123"), ("permitNo", "P-1"));

        var second = await PushOkAsync(("LicencePlate", "abc 123"), ("permitNo", "P-1"));

        Assert.Equal(first, second);
        Assert.Equal("ABC-123", (await FindPermitAsync(first)).PlateRaw);
    }

    [Fact]
    public async Task Plate_update_stores_both_forms()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();

        await AssertSuccessAsync(await UpdateAsync(referenceId, ("plate", "xyz\u00a0789")));

        var permit = await FindPermitAsync(referenceId);
        Assert.Equal("xyz\u00a0789", permit.PlateRaw);
        Assert.Equal("XYZ789", permit.PlateNormalized);
    }
}

public sealed class SqlitePlateTests(PostgresCluster cluster) : PlateTests(Backend.Sqlite, cluster);

public sealed class PostgresPlateTests(PostgresCluster cluster) : PlateTests(Backend.Postgres, cluster);
