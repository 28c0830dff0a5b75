using System.CommandLine;
using Lotkeeper.Domain;
using Lotkeeper.Storage;

namespace Lotkeeper.Cli;

/// <summary><c>lotkeeper zones add CLIENT NAME</c>: adds a zone to a client.</summary>
internal static class ZonesAddCommand
{
    public static Command Create()
    {
        var client = new Argument<string>("client") { Description = "Client code." };
        var name = new Argument<string>("name") { Description = "Zone name, such as \"Lot 4\"." };
        var timeZone = new Option<string?>("--time-zone")
        {
            Description = "IANA time zone for this zone's local times; the client's when left out.",
        };
        var command = new Command("add", "Add a zone.") { client, name, timeZone };
        command.SetAction((parseResult, cancellationToken) => AdminContext.RunAsync(parseResult, async context =>
        {
            var owner = await context.RequireClientAsync(parseResult.GetValue(client)!, cancellationToken);
            var zoneName = ZoneNames.Clean(parseResult.GetValue(name)!);
            if (zoneName.Length is 0 or > ZoneNames.MaxLength || !Text.IsPrintable(zoneName))
            {
                throw new CommandException(
                    $"A zone name must be 1 to {ZoneNames.MaxLength} printable characters.");
            }

            var zoneTimeZone = parseResult.GetValue(timeZone);
            if (zoneTimeZone is not null && TimeZones.Find(zoneTimeZone) is null)
            {
                throw new CommandException($"'{zoneTimeZone}' is not an IANA time zone. Use an id such as America/Toronto.");
            }

            var zone = await context.Store.AddZoneAsync(
                owner.Id, zoneName, zoneTimeZone, context.Clock.GetUtcNow(), cancellationToken);
            await context.AuditAsync(AuditActions.ZoneAdd, owner.Code, zone.Name, null, cancellationToken);
            await context.Output.WriteLineAsync(zone.Name);
            return 0;
        }, cancellationToken));
        return command;
    }
}
