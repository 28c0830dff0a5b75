using System.CommandLine;
using Lotkeeper.Domain;
using Lotkeeper.Storage;

namespace Lotkeeper.Cli;

/// <summary><c>lotkeeper clients add CODE --name NAME</c>: registers a client (a parking operator).</summary>
internal static class ClientsAddCommand
{
    public static Command Create()
    {
        var code = new Argument<string>("code") { Description = "Client code, such as OC-TOMA: 1 to 50 of A-Z a-z 0-9 - _." };
        var name = new Option<string>("--name") { Description = "Display name.", Required = true };
        var timeZone = new Option<string>("--time-zone")
        {
            Description = "IANA time zone that local times are read in.",
            DefaultValueFactory = _ => "UTC",
        };
        var currency = new Option<string>("--currency")
        {
            Description = "ISO 4217 currency used when a push names none.",
            DefaultValueFactory = _ => "CAD",
        };
        var zonePolicy = new Option<string>("--zone-policy")
        {
            Description = "strict: pushes must name an existing zone; auto-create: unknown zones are created.",
            DefaultValueFactory = _ => "strict",
        };
        var graceMinutes = new Option<int>("--grace-minutes")
        {
            Description = "Minutes after a permit's end during which lookups still count it as valid.",
        };
        var recentlyExpiredMinutes = new Option<int>("--recently-expired-minutes")
        {
            Description = "Minutes after a permit's end during which lookups report it as recently expired.",
            DefaultValueFactory = _ => 15,
        };
        var json = new Option<bool>("--json") { Description = "Print the client as JSON." };

        var command = new Command("add", "Add a client.")
        {
            code, name, timeZone, currency, zonePolicy, graceMinutes, recentlyExpiredMinutes, json,
        };
        command.SetAction((parseResult, cancellationToken) => AdminContext.RunAsync(parseResult, async context =>
        {
            var codeValue = parseResult.GetValue(code)!;
            if (!ClientCodes.IsValid(codeValue))
            {
                throw new CommandException(
                    $"'{codeValue}' is not a valid client code. Use 1 to 50 of A-Z a-z 0-9 - _.");
            }

            var zone = parseResult.GetValue(timeZone)!;
            if (TimeZones.Find(zone) is null)
            {
                throw new CommandException($"'{zone}' is not an IANA time zone. Use an id such as America/Toronto.");
            }

            var currencyCode = Currency.Normalize(parseResult.GetValue(currency)!)
                ?? throw new CommandException($"'{parseResult.GetValue(currency)}' is not an ISO 4217 currency code.");
            var grace = parseResult.GetValue(graceMinutes);
            var window = parseResult.GetValue(recentlyExpiredMinutes);
            if (grace < 0 || window < 0)
            {
                throw new CommandException("--grace-minutes and --recently-expired-minutes must be 0 or more.");
            }

            var client = await context.Store.AddClientAsync(
                new ClientRecord(
                    0,
                    codeValue,
                    parseResult.GetValue(name)!,
                    zone,
                    currencyCode,
                    ZonePolicies.Parse(parseResult.GetValue(zonePolicy)!),
                    TimeSpan.FromMinutes(grace),
                    TimeSpan.FromMinutes(window),
                    UnixTime.Truncate(context.Clock.GetUtcNow())),
                cancellationToken);
            await context.AuditAsync(AuditActions.ClientAdd, client.Code, null, client.Name, cancellationToken);
            await ClientsShowCommand.WriteAsync(context, client, parseResult.GetValue(json));
            return 0;
        }, cancellationToken));
        return command;
    }
}
