using System.CommandLine;
using System.Globalization;
using Lotkeeper.Auth;
using Lotkeeper.Storage;

namespace Lotkeeper.Cli;

/// <summary>
/// <c>lotkeeper tokens rotate ID [--overlap-minutes N]</c>: issues a new token with the old one's client, name,
/// permissions and expiry, prints its secret once, and revokes the old token when the overlap ends, so that an
/// integration can switch without a gap.
/// </summary>
internal static class TokensRotateCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Id of the token to replace, as 'tokens list' shows it." };
        var overlapMinutes = new Option<int>("--overlap-minutes")
        {
            Description = "Minutes during which the old token keeps working; 0 (the default) revokes it at once.",
            DefaultValueFactory = _ => 0,
        };
        var json = new Option<bool>("--json") { Description = "Print the new token's id and secret as JSON." };
        var command = new Command("rotate", "Replace a token with a new one and print the new secret once.")
        {
            id, overlapMinutes, json,
        };
        command.SetAction((parseResult, cancellationToken) => AdminContext.RunAsync(parseResult, async context =>
        {
            var tokenId = parseResult.GetValue(id)!;
            var overlap = parseResult.GetValue(overlapMinutes);
            if (overlap < 0)
            {
                throw new CommandException("--overlap-minutes must be 0 or more.");
            }

            var issuer = new TokenIssuer(context.Store, context.Clock);
            var (token, secret, revokeAt) =
                await issuer.RotateAsync(tokenId, TimeSpan.FromMinutes(overlap), cancellationToken)
                ?? throw new CommandException($"No active token has the id '{tokenId}'.");
            await context.AuditAsync(
                AuditActions.TokenRotate,
                null,
                tokenId,
                $"replaced by {token.Id}; old token revoked at {revokeAt.ToString("u", CultureInfo.InvariantCulture)}",
                cancellationToken);
            if (parseResult.GetValue(json))
            {
                await context.WriteJsonAsync(
                    new { token.Id, Token = secret, ReplacedId = tokenId, OldRevokedAt = revokeAt });
                return 0;
            }

            await context.Output.WriteLineAsync(secret);
            return 0;
        }, cancellationToken));
        return command;
    }
}
