using System.CommandLine;
using System.Globalization;
using Lotkeeper.Domain;

namespace Lotkeeper.Cli;

/// <summary><c>lotkeeper tokens list CLIENT</c>: the client's tokens, never their secrets or hashes.</summary>
internal static class TokensListCommand
{
    public static Command Create()
    {
        var client = new Argument<string>("client") { Description = "Client code." };
        var json = new Option<bool>("--json") { Description = "Print the tokens as a JSON array." };
        var command = new Command("list", "List a client's tokens without their secrets.") { client, json };
        command.SetAction((parseResult, cancellationToken) => AdminContext.RunAsync(parseResult, async context =>
        {
            var owner = await context.RequireClientAsync(parseResult.GetValue(client)!, cancellationToken);
            var tokens = await context.Store.ListTokensAsync(owner.Id, cancellationToken);
            if (parseResult.GetValue(json))
            {
                await context.WriteJsonAsync(tokens.Select(token => new
                {
                    token.Id,
                    token.Name,
                    Permissions = PermissionNames.Format(token.Permissions),
                    token.CreatedAt,
                    token.ExpiresAt,
                    token.RevokedAt,
                    token.LastUsedAt,
                }));
                return 0;
            }

            foreach (var token in tokens)
            {
                // A rotated token's revocation lies in the future until its overlap ends.
                var state = token.RevokedAt is { } revoked
                    ? (revoked <= context.Clock.GetUtcNow() ? "revoked " : "revokes ")
                        + revoked.ToString("u", CultureInfo.InvariantCulture)
                    : token.ExpiresAt is { } expires
                        ? "expires " + expires.ToString("u", CultureInfo.InvariantCulture)
                        : "active";
                await context.Output.WriteLineAsync(
                    $"{token.Id}\t{token.Name}\t{PermissionNames.Format(token.Permissions)}\t{state}");
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
