using System.CommandLine;
using Lotkeeper.Domain;
using Lotkeeper.Storage;

namespace Lotkeeper.Cli;

/// <summary><c>lotkeeper permits show REFERENCE-ID</c>: one permit with its history.</summary>
internal static class PermitsShowCommand
{
    public static Command Create()
    {
        var referenceId = new Argument<string>("reference-id") { Description = "The permit's reference id." };
        var json = new Option<bool>("--json") { Description = "Print the permit and its history as JSON." };
        var command = new Command("show", "Show a permit and its history.") { referenceId, json };
        command.SetAction((parseResult, cancellationToken) => AdminContext.RunAsync(parseResult, async context =>
        {
            var id = parseResult.GetValue(referenceId)!;
            var permit = (ReferenceIds.IsWellFormed(id)
                    ? await context.Store.FindPermitAsync(id.ToLowerInvariant(), cancellationToken)
                    : null)
                ?? throw new CommandException($"No permit has the reference id '{id}'.");
            var events = await context.Store.ListEventsAsync(permit.Id, cancellationToken);
            if (parseResult.GetValue(json))
            {
                await context.WriteJsonAsync(new { Permit = ToJson(permit), History = events.Select(ToJson) });
                return 0;
            }

            var output = context.Output;
            await output.WriteLineAsync($"reference id: {permit.ReferenceId}");
            await output.WriteLineAsync($"plate: {permit.PlateRaw} ({permit.PlateNormalized})");
            await output.WriteLineAsync($"zone: {permit.ZoneName}");
            await output.WriteLineAsync($"start: {PermitChanges.FormatInstant(permit.Start)}");
            await output.WriteLineAsync($"end: {PermitChanges.FormatInstant(permit.End)}");
            await output.WriteLineAsync(
                $"amount: {(permit.AmountCents is { } cents ? Money.Format(cents) : "none")} {permit.Currency}");
            await output.WriteLineAsync($"permit number: {permit.PermitNumber ?? "none"}");
            await output.WriteLineAsync($"type: {PermitTypes.NameOf(permit.Type)}");
            await output.WriteLineAsync(
                $"state: {(permit.DeletedAt is { } deleted ? "deleted " + PermitChanges.FormatInstant(deleted) : "live")}");
            await output.WriteLineAsync("history:");
            foreach (var permitEvent in events)
            {
                var changes = string.Join(
                    ", ", permitEvent.Changes.Select(change => $"{change.Field}: {change.Old ?? "-"} -> {change.New ?? "-"}"));
                await output.WriteLineAsync(
                    $"  {PermitChanges.FormatInstant(permitEvent.At)}\t{permitEvent.Kind.ToString().ToLowerInvariant()}\t"
                    + $"token {permitEvent.TokenId ?? "-"}\t{changes}");
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    public static object ToJson(PermitRecord permit) => new
    {
        permit.ReferenceId,
        Plate = permit.PlateRaw,
        permit.PlateNormalized,
        Zone = permit.ZoneName,
        Start = PermitChanges.FormatInstant(permit.Start),
        End = PermitChanges.FormatInstant(permit.End),
        Amount = permit.AmountCents is { } cents ? Money.Format(cents) : null,
        permit.Currency,
        permit.PermitNumber,
        Type = PermitTypes.NameOf(permit.Type),
        Deleted = permit.DeletedAt is { } deleted ? PermitChanges.FormatInstant(deleted) : null,
    };

    private static object ToJson(PermitEvent permitEvent) => new
    {
        Kind = permitEvent.Kind.ToString().ToLowerInvariant(),
        permitEvent.TokenId,
        At = PermitChanges.FormatInstant(permitEvent.At),
        permitEvent.Changes,
    };
}
