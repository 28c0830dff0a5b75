using System.CommandLine;
using System.Globalization;
using Lotkeeper.Domain;
using Lotkeeper.Storage;

namespace Lotkeeper.Cli;

/// <summary><c>lotkeeper clients show CODE</c>: one client's settings.</summary>
internal static class ClientsShowCommand
{
    public static Command Create()
    {
        var code = new Argument<string>("code") { Description = "Client code." };
        var json = new Option<bool>("--json") { Description = "Print the client as JSON." };
        var command = new Command("show", "Show a client.") { code, json };
        command.SetAction((parseResult, cancellationToken) => AdminContext.RunAsync(parseResult, async context =>
        {
            var client = await context.RequireClientAsync(parseResult.GetValue(code)!, cancellationToken);
            await WriteAsync(context, client, parseResult.GetValue(json));
            return 0;
        }, cancellationToken));
        return command;
    }

    public static object ToJson(ClientRecord client) => new
    {
        client.Code,
        client.Name,
        client.TimeZone,
        client.Currency,
        ZonePolicy = ZonePolicies.NameOf(client.ZonePolicy),
        GraceMinutes = client.Grace.TotalMinutes,
        RecentlyExpiredMinutes = client.RecentlyExpiredWindow.TotalMinutes,
        client.CreatedAt,
    };

    public static async Task WriteAsync(AdminContext context, ClientRecord client, bool json)
    {
        if (json)
        {
            await context.WriteJsonAsync(ToJson(client));
            return;
        }

        var culture = CultureInfo.InvariantCulture;
        await context.Output.WriteLineAsync($"code: {client.Code}");
        await context.Output.WriteLineAsync($"name: {client.Name}");
        await context.Output.WriteLineAsync($"time zone: {client.TimeZone}");
        await context.Output.WriteLineAsync($"currency: {client.Currency}");
        await context.Output.WriteLineAsync($"zone policy: {ZonePolicies.NameOf(client.ZonePolicy)}");
        await context.Output.WriteLineAsync(
            string.Create(culture, $"grace: {client.Grace.TotalMinutes} minutes"));
        await context.Output.WriteLineAsync(
            string.Create(culture, $"recently expired window: {client.RecentlyExpiredWindow.TotalMinutes} minutes"));
    }
}
