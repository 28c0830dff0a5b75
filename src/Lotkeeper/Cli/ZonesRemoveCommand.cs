using System.CommandLine;
using System.Globalization;
using Lotkeeper.Domain;
using Lotkeeper.Storage;

namespace Lotkeeper.Cli;

/// <summary>
/// <c>lotkeeper zones remove CLIENT NAME</c>: removes a zone that has no live permits. Deleted permits of the zone
/// keep their history.
/// </summary>
internal static class ZonesRemoveCommand
{
    public static Command Create()
    {
        var client = new Argument<string>("client") { Description = "Client code." };
        var name = new Argument<string>("name") { Description = "Zone name, matched ignoring case and extra spaces." };
        var command = new Command("remove", "Remove a zone that has no live permits.") { client, name };
        command.SetAction((parseResult, cancellationToken) => AdminContext.RunAsync(parseResult, async context =>
        {
            var owner = await context.RequireClientAsync(parseResult.GetValue(client)!, cancellationToken);
            var zoneName = parseResult.GetValue(name)!;
            var zone = await context.Store.FindZoneAsync(owner.Id, ZoneNames.KeyOf(zoneName), cancellationToken)
                ?? throw new CommandException($"Client {owner.Code} has no zone named '{zoneName}'.");
            var live = await context.Store.CountLivePermitsAsync(zone.Id, cancellationToken);
            if (live > 0)
            {
                throw new CommandException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Zone '{zone.Name}' still has live permits ({live}). Delete them before removing the zone."));
            }

            await context.Store.RemoveZoneAsync(zone.Id, context.Clock.GetUtcNow(), cancellationToken);
            await context.AuditAsync(AuditActions.ZoneRemove, owner.Code, zone.Name, null, cancellationToken);
            await context.Output.WriteLineAsync(zone.Name);
            return 0;
        }, cancellationToken));
        return command;
    }
}
