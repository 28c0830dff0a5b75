using System.CommandLine;
using System.Globalization;

namespace Lotkeeper.Cli;

/// <summary><c>lotkeeper audit list [--limit N] [--json]</c>: the newest administrative actions.</summary>
internal static class AuditListCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit")
        {
            Description = "Number of newest entries to show; 100 by default.",
            DefaultValueFactory = _ => 100,
        };
        var json = new Option<bool>("--json") { Description = "Print the entries as a JSON array." };
        var command = new Command("list", "List administrative actions, oldest first.") { limit, json };
        command.SetAction((parseResult, cancellationToken) => AdminContext.RunAsync(parseResult, async context =>
        {
            var count = parseResult.GetValue(limit);
            if (count <= 0)
            {
                throw new CommandException("--limit must be 1 or more.");
            }

            var entries = await context.Store.ListAuditEntriesAsync(count, cancellationToken);
            if (parseResult.GetValue(json))
            {
                await context.WriteJsonAsync(entries);
                return 0;
            }

            foreach (var entry in entries)
            {
                await context.Output.WriteLineAsync(string.Join(
                    '\t',
                    entry.At.ToString("u", CultureInfo.InvariantCulture),
                    entry.Action,
                    entry.ClientCode ?? "-",
                    entry.Subject ?? "-",
                    entry.Detail ?? ""));
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
