using System.CommandLine;
using Lotkeeper.Cli;

namespace Lotkeeper.Tests.Infrastructure;

/// <summary>Runs the <c>lotkeeper</c> command tree in process against a test database, capturing its output.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(TestDatabase database, params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] allArguments =
        [
            .. arguments,
            "--provider", database.Provider,
            "--connection-string", database.ConnectionString,
        ];
        var exitCode = await LotkeeperCommands.Create()
            .Parse(allArguments)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
