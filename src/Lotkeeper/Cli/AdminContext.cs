using System.CommandLine;
using System.Text.Json;
using Lotkeeper.Configuration;
using Lotkeeper.Domain;
using Lotkeeper.Storage;
using Lotkeeper.Storage.Sql;

namespace Lotkeeper.Cli;

/// <summary>
/// What an administrative command works with: the configured store, migrated, the clock and the output streams.
/// </summary>
internal sealed class AdminContext(SqlStore store, ISqlDatabase database, TextWriter output, TextWriter error)
    : IDisposable
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public SqlStore Store => store;

    public TimeProvider Clock => TimeProvider.System;

    public TextWriter Output => output;

    /// <summary>Standard error, for notes about the output that are not data.</summary>
    public TextWriter Error => error;

    /// <summary>
    /// Runs <paramref name="action"/> against the configured database, turning expected failures into a message on
    /// standard error and exit code 1.
    /// </summary>
    public static async Task<int> RunAsync(
        ParseResult parseResult, Func<AdminContext, Task<int>> action, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            var configuration = new ConfigurationBuilder()
                .SetBasePath(Directory.GetCurrentDirectory())
                .AddJsonFile("appsettings.json", optional: true)
                .AddEnvironmentVariables()
                .AddInMemoryCollection(GlobalOptions.ToConfiguration(parseResult))
                .Build();
            var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
            var database = StoreFactory.CreateDatabase(options);
            using var context = new AdminContext(new SqlStore(database), database, output, error);
            await context.Store.MigrateAsync(cancellationToken);
            return await action(context);
        }
        catch (Exception exception) when (exception is CommandException or DuplicateEntryException
            or StorageUnavailableException or FormatException or InvalidOperationException)
        {
            await error.WriteLineAsync(exception.Message);
            if (parseResult.GetValue(GlobalOptions.Verbose))
            {
                await error.WriteLineAsync(exception.ToString());
            }

            return 1;
        }
    }

    /// <summary>Finds a client by its code, in any case and with <c>_</c> for <c>-</c>.</summary>
    /// <exception cref="CommandException">No client has that code.</exception>
    public async Task<ClientRecord> RequireClientAsync(string code, CancellationToken cancellationToken) =>
        await store.FindClientAsync(ClientCodes.KeyOf(code), cancellationToken)
        ?? throw new CommandException($"No client has the code '{code}'. List clients with 'lotkeeper clients list'.");

    /// <summary>Records an administrative action in the audit log, at the current time.</summary>
    public Task AuditAsync(
        string action, string? clientCode, string? subject, string? detail, CancellationToken cancellationToken) =>
        store.AddAuditEntryAsync(
            new AuditEntry(0, Clock.GetUtcNow(), action, clientCode, subject, detail), cancellationToken);

    public Task WriteJsonAsync<T>(T value) => output.WriteLineAsync(JsonSerializer.Serialize(value, JsonOptions));

    public void Dispose()
    {
        if (database is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
