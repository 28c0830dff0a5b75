using System.CommandLine;

namespace Lotkeeper.Cli;

/// <summary>The <c>lotkeeper</c> command tree.</summary>
internal static class LotkeeperCommands
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Lotkeeper: a permit server for parking operations.")
        {
            GlobalOptions.Provider,
            GlobalOptions.ConnectionString,
            GlobalOptions.Verbose,
            ServeCommand.Create(),
            MigrateCommand.Create(),
            new Command("clients", "Manage clients (parking operators).")
            {
                ClientsAddCommand.Create(), ClientsListCommand.Create(), ClientsShowCommand.Create(),
            },
            new Command("zones", "Manage a client's zones.")
            {
                ZonesAddCommand.Create(), ZonesListCommand.Create(), ZonesRemoveCommand.Create(),
            },
            new Command("tokens", "Manage API tokens.")
            {
                TokensIssueCommand.Create(), TokensListCommand.Create(), TokensRevokeCommand.Create(),
                TokensRotateCommand.Create(),
            },
            new Command("permits", "Inspect permits.")
            {
                PermitsListCommand.Create(), PermitsShowCommand.Create(), PermitsGenerateCommand.Create(),
            },
            new Command("audit", "Inspect the log of administrative actions.") { AuditListCommand.Create() },
            PurgeCommand.Create(),
        };
        return root;
    }
}
