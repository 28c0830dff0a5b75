using System.CommandLine;
using System.Globalization;
using Lotkeeper.Retention;
using Lotkeeper.Storage;

namespace Lotkeeper.Cli;

/// <summary>
/// <c>lotkeeper purge --older-than DAYS [--json]</c>: removes the plates of permits that ended or were deleted more
/// than DAYS days ago, keeping the rows for stats and history, and deletes expired idempotency keys.
/// </summary>
internal static class PurgeCommand
{
    /// <summary>Largest accepted age, about 100 years; more would reach before the first representable instant.</summary>
    private const int MaxDays = 36_500;

    public static Command Create()
    {
        var olderThan = new Option<int>("--older-than")
        {
            Description = "Age in days, counted from a permit's end or deletion, after which its plate is removed.",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Print the counts as JSON." };
        var command = new Command("purge", "Remove plates of permits that ended or were deleted long ago.")
        {
            olderThan, json,
        };
        command.SetAction((parseResult, cancellationToken) => AdminContext.RunAsync(parseResult, async context =>
        {
            var days = parseResult.GetValue(olderThan);
            if (days is < 0 or > MaxDays)
            {
                throw new CommandException($"--older-than must be from 0 to {MaxDays} days.");
            }

            var result = await new PlatePurger(context.Store, context.Clock).PurgeAsync(days, cancellationToken);
            var cutoff = result.Cutoff.ToString("u", CultureInfo.InvariantCulture);
            await context.AuditAsync(
                AuditActions.Purge,
                null,
                null,
                $"plates of {result.Permits} permits ended or deleted before {cutoff}",
                cancellationToken);
            if (parseResult.GetValue(json))
            {
                await context.WriteJsonAsync(result);
                return 0;
            }

            await context.Output.WriteLineAsync(
                $"Removed the plates of {result.Permits} permits ended or deleted before {cutoff}, and "
                + $"{result.IdempotencyKeys} expired idempotency keys.");
            return 0;
        }, cancellationToken));
        return command;
    }
}
