using System.CommandLine;

namespace Lotkeeper.Cli;

/// <summary><c>lotkeeper zones list CLIENT</c>: the client's zones.</summary>
internal static class ZonesListCommand
{
    public static Command Create()
    {
        var client = new Argument<string>("client") { Description = "Client code." };
        var json = new Option<bool>("--json") { Description = "Print the zones as a JSON array." };
        var command = new Command("list", "List a client's zones.") { client, json };
        command.SetAction((parseResult, cancellationToken) => AdminContext.RunAsync(parseResult, async context =>
        {
            var owner = await context.RequireClientAsync(parseResult.GetValue(client)!, cancellationToken);
            var zones = await context.Store.ListZonesAsync(owner.Id, cancellationToken);
            if (parseResult.GetValue(json))
            {
                await context.WriteJsonAsync(zones.Select(zone => new { zone.Name, zone.TimeZone, zone.CreatedAt }));
                return 0;
            }

            foreach (var zone in zones)
            {
                await context.Output.WriteLineAsync($"{zone.Name}\t{zone.TimeZone ?? owner.TimeZone}");
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
