using System.CommandLine;
using Lotkeeper.Domain;

namespace Lotkeeper.Cli;

/// <summary><c>lotkeeper clients list</c>: one line per client.</summary>
internal static class ClientsListCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the clients as a JSON array." };
        var command = new Command("list", "List clients.") { json };
        command.SetAction((parseResult, cancellationToken) => AdminContext.RunAsync(parseResult, async context =>
        {
            var clients = await context.Store.ListClientsAsync(cancellationToken);
            if (parseResult.GetValue(json))
            {
                await context.WriteJsonAsync(clients.Select(ClientsShowCommand.ToJson));
                return 0;
            }

            foreach (var client in clients)
            {
                await context.Output.WriteLineAsync(
                    $"{client.Code}\t{client.Name}\t{client.TimeZone}\t{client.Currency}\t"
                    + ZonePolicies.NameOf(client.ZonePolicy));
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
