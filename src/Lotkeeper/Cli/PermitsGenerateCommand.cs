using System.CommandLine;
using System.Globalization;
using Lotkeeper.Domain;
using Lotkeeper.Hosting;
using Lotkeeper.Storage;

namespace Lotkeeper.Cli;

/// <summary>
/// <c>lotkeeper permits generate CLIENT --count N</c>: fills a client with random permits for benchmarks and load
/// tests, in large transactions rather than one push per permit.
/// </summary>
/// <remarks>
/// Plates are 7 random characters from letters and digits, or a fixed prefix and a 7-digit number
/// (<c>--plate-prefix GEN</c> gives <c>GEN0000000</c>, <c>GEN0000001</c> and so on). Permits are spread over
/// zones named <c>Zone 1</c> to <c>Zone K</c> (created when missing). A share of them (<c>--running-percent</c>, a
/// tenth by default) runs now and the rest ended within the past year.
/// Each permit gets a creation event, a change sequence number and stats marks, as a push would, but no duplicate
/// check. The stats marks are compacted once at the end.
/// </remarks>
internal static class PermitsGenerateCommand
{
    private const string PlateAlphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

    public static Command Create()
    {
        var client = new Argument<string>("client") { Description = "Client code." };
        var count = new Option<int>("--count") { Description = "Number of permits to add.", Required = true };
        var zones = new Option<int>("--zones")
        {
            Description = "Number of zones to spread the permits over.",
            DefaultValueFactory = _ => 10,
        };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Permits per transaction.",
            DefaultValueFactory = _ => 20_000,
        };
        var seed = new Option<int?>("--seed") { Description = "Seed of the random generator, for repeatable runs." };
        var platePrefix = new Option<string?>("--plate-prefix")
        {
            Description = "Letters that numbered plates start with, such as GEN; random plates when left out.",
        };
        var firstNumber = new Option<int>("--first-number")
        {
            Description = "Number of the first numbered plate, so that a second run can continue the first.",
            DefaultValueFactory = _ => 0,
        };
        var sampleFile = new Option<string?>("--sample-file")
        {
            Description = "File that receives the plates of up to 10000 running permits, one per line.",
        };
        var runningPercent = new Option<int>("--running-percent")
        {
            Description = "Percentage of the permits that run now (0 to 100); the others ended in the past year.",
            DefaultValueFactory = _ => 10,
        };
        var command = new Command("generate", "Add random permits to a client, for benchmarks.")
        {
            client, count, zones, batchSize, seed, platePrefix, firstNumber, sampleFile, runningPercent,
        };
        command.SetAction((parseResult, cancellationToken) => AdminContext.RunAsync(parseResult, async context =>
        {
            var owner = await context.RequireClientAsync(parseResult.GetValue(client)!, cancellationToken);
            var total = parseResult.GetValue(count);
            var zoneCount = parseResult.GetValue(zones);
            var perTransaction = parseResult.GetValue(batchSize);
            if (total < 1 || zoneCount < 1 || perTransaction < 1)
            {
                throw new CommandException("--count, --zones and --batch-size must be 1 or more.");
            }

            var running = parseResult.GetValue(runningPercent);
            if (running is < 0 or > 100)
            {
                throw new CommandException("--running-percent must be from 0 to 100.");
            }

            var prefix = parseResult.GetValue(platePrefix);
            var first = parseResult.GetValue(firstNumber);
            if (prefix is not null
                && (prefix.Length is 0 or > 18 || !prefix.All(char.IsAsciiLetterOrDigit) || first < 0))
            {
                throw new CommandException(
                    "--plate-prefix must be 1 to 18 ASCII letters or digits, and --first-number 0 or more.");
            }

            var zoneRecords = await EnsureZonesAsync(context, owner, zoneCount, cancellationToken);
            var random = parseResult.GetValue(seed) is { } value ? new Random(value) : new Random();
            var now = context.Clock.GetUtcNow();
            var sample = new List<string>();
            for (var done = 0; done < total; done += perTransaction)
            {
                var batch = Enumerable.Range(done, Math.Min(perTransaction, total - done))
                    .Select(index => PlateText(random, prefix, first + (long)index))
                    .Select(plate => NextPermit(random, owner, zoneRecords, now, plate, running))
                    .ToList();
                sample.AddRange(batch.Where(permit => permit.End > now).Take(10_000 - sample.Count)
                    .Select(permit => permit.Plate.Raw));
                await context.Store.InsertGeneratedPermitsAsync(owner.Id, batch, cancellationToken);
                await parseResult.InvocationConfiguration.Error.WriteLineAsync(
                    $"Added {done + batch.Count} of {total} permits to {owner.Code}.");
            }

            // Folds the new permits' stats marks into the kept counts, as serve would at its next compaction, so
            // that a server started on this database does not spend its first seconds on it.
            var margin = TimeSpan.FromSeconds(new StatsOptions().CompactionMarginSeconds);
            await context.Store.CompactStatsAsync(context.Clock.GetUtcNow() - margin, cancellationToken);

            if (parseResult.GetValue(sampleFile) is { } path)
            {
                await File.WriteAllLinesAsync(path, sample, cancellationToken);
            }

            await context.Output.WriteLineAsync(total.ToString(CultureInfo.InvariantCulture));
            return 0;
        }, cancellationToken));
        return command;
    }

    private static async Task<List<ZoneRecord>> EnsureZonesAsync(
        AdminContext context, ClientRecord owner, int zoneCount, CancellationToken cancellationToken)
    {
        var existing = await context.Store.ListZonesAsync(owner.Id, cancellationToken);
        var records = new List<ZoneRecord>();
        for (var i = 1; i <= zoneCount; i++)
        {
            var name = "Zone " + i.ToString(CultureInfo.InvariantCulture);
            var zone = existing.FirstOrDefault(zone => ZoneNames.KeyOf(zone.Name) == ZoneNames.KeyOf(name))
                ?? await context.Store.AddZoneAsync(owner.Id, name, null, context.Clock.GetUtcNow(), cancellationToken);
            records.Add(zone);
        }

        return records;
    }

    private static string PlateText(Random random, string? prefix, long number)
    {
        if (prefix is not null)
        {
            return prefix + number.ToString("D7", CultureInfo.InvariantCulture);
        }

        return new string([.. Enumerable.Range(0, 7).Select(_ => PlateAlphabet[random.Next(PlateAlphabet.Length)])]);
    }

    private static NewPermit NextPermit(
        Random random,
        ClientRecord owner,
        List<ZoneRecord> zones,
        DateTimeOffset now,
        string plateText,
        int runningPercent)
    {
        if (Plate.TryParse(plateText, out var plate) != PlateParseStatus.Valid)
        {
            throw new CommandException(
                $"The generated plate '{plateText}' is not a valid plate. Use a shorter --plate-prefix.");
        }

        // Running permits started in the past 8 hours and end in the next 8; the others ended in the past year.
        DateTimeOffset start, end;
        if (random.Next(100) < runningPercent)
        {
            start = now - TimeSpan.FromMinutes(random.Next(1, 8 * 60));
            end = now + TimeSpan.FromMinutes(random.Next(1, 8 * 60));
        }
        else
        {
            end = now - TimeSpan.FromMinutes(random.Next(60, 365 * 24 * 60));
            start = end - TimeSpan.FromMinutes(random.Next(15, 10 * 60));
        }

        var zone = zones[random.Next(zones.Count)];
        return new NewPermit(
            Guid.CreateVersion7().ToString("D"),
            owner.Id,
            zone.Id,
            zone.Name,
            zone.TimeZone,
            ZoneNames.KeyOf(zone.Name),
            plate!,
            UnixTime.Truncate(start),
            UnixTime.Truncate(end),
            null,
            owner.Currency,
            null,
            PermitType.Temp,
            UnixTime.Truncate(now),
            null);
    }
}
