using System.CommandLine;

namespace Lotkeeper.Cli;

/// <summary><c>lotkeeper migrate</c>: applies pending schema migrations and exits; <c>serve</c> also does this.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending database migrations.");
        command.SetAction((parseResult, cancellationToken) => AdminContext.RunAsync(parseResult, async context =>
        {
            await context.Output.WriteLineAsync($"Database {context.Store.Description} is up to date.");
            return 0;
        }, cancellationToken));
        return command;
    }
}
