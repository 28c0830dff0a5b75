using System.CommandLine;
using Lotkeeper.Storage;

namespace Lotkeeper.Cli;

/// <summary><c>lotkeeper tokens revoke ID</c>: revokes a token; the API rejects it from the next request on.</summary>
internal static class TokensRevokeCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Token id, as 'tokens list' shows it." };
        var command = new Command("revoke", "Revoke a token.") { id };
        command.SetAction((parseResult, cancellationToken) => AdminContext.RunAsync(parseResult, async context =>
        {
            var tokenId = parseResult.GetValue(id)!;
            if (!await context.Store.RevokeTokenAsync(tokenId, context.Clock.GetUtcNow(), cancellationToken))
            {
                throw new CommandException($"No active token has the id '{tokenId}'.");
            }

            await context.AuditAsync(AuditActions.TokenRevoke, null, tokenId, null, cancellationToken);
            await context.Output.WriteLineAsync(tokenId);
            return 0;
        }, cancellationToken));
        return command;
    }
}
