using System.CommandLine;
using Lotkeeper.Hosting;

namespace Lotkeeper.Cli;

/// <summary>
/// <c>lotkeeper serve</c>: migrates the database, creates the demo client on a brand new one, and runs the HTTP
/// server until stopped. Options it does not know (<c>--urls</c>, <c>--Lotkeeper:Api:ErrorStatusCode=200</c>) go
/// to ASP.NET Core's configuration.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the HTTP server.") { TreatUnmatchedTokensAsErrors = false };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var overrides = GlobalOptions.ToConfiguration(parseResult)
                .Select(pair => $"--{pair.Key}={pair.Value}");
            var builder = LotkeeperApp.CreateBuilder([.. parseResult.UnmatchedTokens, .. overrides]);
            await using var app = LotkeeperApp.Build(builder);
            var demoToken = await LotkeeperApp.PrepareDatabaseAsync(app, cancellationToken);
            if (demoToken is not null)
            {
                var output = parseResult.InvocationConfiguration.Output;
                await output.WriteLineAsync(
                    $"Created client {DemoClient.Code} with a token that has every permission. It is shown only once:");
                await output.WriteLineAsync($"{DemoClient.Code} token: {demoToken}");
                await output.FlushAsync(cancellationToken);
            }

            await app.RunAsync();
            return 0;
        });
        return command;
    }
}
