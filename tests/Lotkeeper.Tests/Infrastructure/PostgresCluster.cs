using System.Diagnostics;
using Npgsql;

namespace Lotkeeper.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run: initdb and pg_ctl in a temporary folder, listening on a
/// free loopback port, removed afterwards. Runs as the <c>postgres</c> user when the tests run as root, because
/// PostgreSQL refuses to run as root.
/// </summary>
/// <remarks>
/// Without PostgreSQL binaries the PostgreSQL tests are skipped, unless the environment variable <c>CI</c> is
/// <c>true</c>, where they fail so that a broken CI machine cannot pass quietly.
/// </remarks>
public sealed class PostgresCluster : IAsyncLifetime
{
    private string? directory;
    private string? binaries;
    private bool runAsPostgres;

    /// <summary>Why the cluster could not start, or null once it runs.</summary>
    public string? UnavailableReason { get; private set; } = "The cluster has not started.";

    public int Port { get; private set; }

    /// <summary>Connection string of the cluster's <c>postgres</c> database, as superuser.</summary>
    public string AdminConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=10";

    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async ValueTask InitializeAsync()
    {
        binaries = FindBinaries();
        if (binaries is null)
        {
            UnavailableReason = "PostgreSQL server binaries (initdb, pg_ctl) were not found.";
            return;
        }

        runAsPostgres = Environment.UserName == "root";
        directory = Path.Combine(Path.GetTempPath(), "lotkeeper-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        if (runAsPostgres)
        {
            await RunAsync("chown", ["postgres", directory], asPostgres: false);
        }

        Port = LoopbackPorts.FindFree();
        var data = Path.Combine(directory, "data");
        await RunAsync(
            Path.Combine(binaries, "initdb"),
            ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
            runAsPostgres);
        await StartAsync();
        UnavailableReason = null;
    }

    /// <summary>Starts the server on its port; used at start-up and by outage tests after <see cref="StopAsync"/>.</summary>
    public Task StartAsync()
    {
        var data = Path.Combine(directory!, "data");
        var options = $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories={directory}"
            + " -c fsync=off -c max_connections=200";
        return RunAsync(
            Path.Combine(binaries!, "pg_ctl"),
            ["-D", data, "-o", options, "-l", Path.Combine(directory!, "server.log"), "-w", "-t", "60", "start"],
            runAsPostgres);
    }

    /// <summary>Stops the server at once, dropping its connections.</summary>
    public Task StopAsync() => RunAsync(
        Path.Combine(binaries!, "pg_ctl"),
        ["-D", Path.Combine(directory!, "data"), "-m", "immediate", "-w", "stop"],
        runAsPostgres);

    /// <summary>Skips the calling test when the cluster is not running, or fails it on CI.</summary>
    public void RequireRunning()
    {
        if (UnavailableReason is null)
        {
            return;
        }

        if (IsCi)
        {
            Assert.Fail($"PostgreSQL is required on CI: {UnavailableReason}");
        }

        Assert.Skip(UnavailableReason);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        RequireRunning();
        var name = "lk_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Timeout=5;Command Timeout=30";
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        if (UnavailableReason is not null)
        {
            return;
        }

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // A test that stopped the server leaves nothing to drop; the cluster folder goes at the end anyway.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (directory is null)
        {
            return;
        }

        if (UnavailableReason is null)
        {
            try
            {
                await StopAsync();
            }
            catch (InvalidOperationException)
            {
                // Already stopped by a test.
            }
        }

        Directory.Delete(directory, recursive: true);
    }

    private static string? FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("PG_BINDIR") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(path => int.TryParse(Path.GetFileName(path), out var version) ? version : 0)
                .Select(path => Path.Combine(path, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'));
        return candidates.FirstOrDefault(path =>
            File.Exists(Path.Combine(path, "initdb")) && File.Exists(Path.Combine(path, "pg_ctl")));
    }


    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} failed with exit code {process.ExitCode}: {await error}{await output}");
        }
    }
}
