using System.CommandLine;
using Lotkeeper.Storage;

namespace Lotkeeper.Cli;

/// <summary><c>lotkeeper permits list CLIENT</c>: the client's newest permits.</summary>
internal static class PermitsListCommand
{
    public static Command Create()
    {
        var client = new Argument<string>("client") { Description = "Client code." };
        var includeDeleted = new Option<bool>("--include-deleted") { Description = "List deleted permits too." };
        var limit = new Option<int>("--limit")
        {
            Description = "Maximum number of permits, newest first.",
            DefaultValueFactory = _ => 100,
        };
        var json = new Option<bool>("--json") { Description = "Print the permits as a JSON array." };
        var command = new Command("list", "List a client's permits, newest first.")
        {
            client, includeDeleted, limit, json,
        };
        command.SetAction((parseResult, cancellationToken) => AdminContext.RunAsync(parseResult, async context =>
        {
            var owner = await context.RequireClientAsync(parseResult.GetValue(client)!, cancellationToken);
            var count = parseResult.GetValue(limit);
            if (count <= 0)
            {
                throw new CommandException("--limit must be 1 or more.");
            }

            // One permit more than requested shows whether the list was cut short.
            var permits = await context.Store.ListPermitsAsync(
                owner.Id, parseResult.GetValue(includeDeleted), count == int.MaxValue ? count : count + 1,
                cancellationToken);
            if (permits.Count > count)
            {
                permits = [.. permits.Take(count)];
                await context.Error.WriteLineAsync(
                    $"Listed the newest {count} permits; the client has more. Raise --limit to list them.");
            }
            if (parseResult.GetValue(json))
            {
                await context.WriteJsonAsync(permits.Select(PermitsShowCommand.ToJson));
                return 0;
            }

            foreach (var permit in permits)
            {
                var state = permit.DeletedAt is null ? "live" : "deleted";
                await context.Output.WriteLineAsync(
                    $"{permit.ReferenceId}\t{permit.PlateRaw}\t{permit.ZoneName}\t"
                    + $"{PermitChanges.FormatInstant(permit.Start)}\t{PermitChanges.FormatInstant(permit.End)}\t{state}");
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
