using System.CommandLine;
using Lotkeeper.Auth;
using Lotkeeper.Domain;
using Lotkeeper.Storage;

namespace Lotkeeper.Cli;

/// <summary>
/// <c>lotkeeper tokens issue CLIENT --permissions LIST</c>: issues a token and prints its secret once. Only the
/// secret's SHA-256 hash is stored, so a lost token cannot be shown again; issue a new one.
/// </summary>
internal static class TokensIssueCommand
{
    public static Command Create()
    {
        var client = new Argument<string>("client") { Description = "Client code." };
        var name = new Option<string>("--name")
        {
            Description = "Label shown by 'tokens list', such as the integration's name.",
            DefaultValueFactory = _ => "token",
        };
        var permissions = new Option<string>("--permissions")
        {
            Description = "Comma-separated permissions, or 'all': " + string.Join(", ", PermissionNames.All) + ".",
            Required = true,
        };
        var expiresInDays = new Option<int?>("--expires-in-days")
        {
            Description = "Days until the token stops working; it never expires when left out.",
        };
        var json = new Option<bool>("--json") { Description = "Print the token id and secret as JSON." };
        var command = new Command("issue", "Issue an API token and print it once.")
        {
            client, name, permissions, expiresInDays, json,
        };
        command.SetAction((parseResult, cancellationToken) => AdminContext.RunAsync(parseResult, async context =>
        {
            var owner = await context.RequireClientAsync(parseResult.GetValue(client)!, cancellationToken);
            var granted = PermissionNames.Parse(parseResult.GetValue(permissions)!);
            if (granted == Permissions.None)
            {
                throw new CommandException("--permissions names no permission.");
            }

            DateTimeOffset? expiresAt = null;
            if (parseResult.GetValue(expiresInDays) is { } days)
            {
                if (days is <= 0 or > 36_500)
                {
                    throw new CommandException("--expires-in-days must be from 1 to 36500 (about 100 years).");
                }

                expiresAt = context.Clock.GetUtcNow().AddDays(days);
            }

            var issuer = new TokenIssuer(context.Store, context.Clock);
            var (token, secret) = await issuer.IssueAsync(
                owner.Id, parseResult.GetValue(name)!, granted, expiresAt, cancellationToken);
            await context.AuditAsync(
                AuditActions.TokenIssue,
                owner.Code,
                token.Id,
                "permissions " + PermissionNames.Format(token.Permissions),
                cancellationToken);
            if (parseResult.GetValue(json))
            {
                await context.WriteJsonAsync(new
                {
                    token.Id,
                    Token = secret,
                    Permissions = PermissionNames.Format(token.Permissions),
                    token.ExpiresAt,
                });
                return 0;
            }

            await context.Output.WriteLineAsync(secret);
            return 0;
        }, cancellationToken));
        return command;
    }
}
