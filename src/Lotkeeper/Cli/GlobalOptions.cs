using System.CommandLine;

namespace Lotkeeper.Cli;

/// <summary>Options every command accepts; they override the configuration files and environment.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Provider = new("--provider")
    {
        Description = "Database provider: sqlite (the default) or postgresql. Sets Lotkeeper:Storage:Provider.",
        Recursive = true,
    };

    public static readonly Option<string?> ConnectionString = new("--connection-string")
    {
        Description = "Database connection string. Sets Lotkeeper:Storage:ConnectionString;"
            + " the default is 'Data Source=data/lotkeeper.db'.",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Print stack traces of failures.",
        Recursive = true,
    };

    /// <summary>Turns the global options that were given into configuration overrides.</summary>
    public static Dictionary<string, string?> ToConfiguration(ParseResult parseResult)
    {
        var overrides = new Dictionary<string, string?>();
        if (parseResult.GetValue(Provider) is { } provider)
        {
            overrides["Lotkeeper:Storage:Provider"] = provider;
        }

        if (parseResult.GetValue(ConnectionString) is { } connectionString)
        {
            overrides["Lotkeeper:Storage:ConnectionString"] = connectionString;
        }

        return overrides;
    }
}
