using System.Diagnostics;
using System.Net;
using System.Text;

namespace Lotkeeper.Tests.Infrastructure;

/// <summary>
/// The built <c>lotkeeper</c> executable running <c>serve</c> as a separate process on a free loopback port, with
/// its standard output and standard error captured. Crash tests end it with <see cref="KillAsync"/>, which sends
/// SIGKILL, and may start a new process on the same database afterwards.
/// </summary>
/// <remarks>
/// The tests project references the server project, so <c>lotkeeper.dll</c> and its runtime files are copied next
/// to the test assembly and run with the same <c>dotnet</c> host as the tests.
/// </remarks>
public sealed class LotkeeperProcess : IAsyncDisposable
{
    /// <summary>How long <see cref="StartAsync"/> waits for <c>/health/live</c> by default.</summary>
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly StringBuilder standardOutput = new();
    private readonly StringBuilder standardError = new();

    private LotkeeperProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Path of <c>lotkeeper.dll</c> in the test output folder.</summary>
    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "lotkeeper.dll");

    /// <summary>The server's address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client whose base address is the server's; requests time out after 60 seconds.</summary>
    public HttpClient Client { get; }

    /// <summary>The operating system's process id.</summary>
    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Everything the process wrote to standard output so far.</summary>
    public string StandardOutput
    {
        get
        {
            lock (standardOutput)
            {
                return standardOutput.ToString();
            }
        }
    }

    /// <summary>Everything the process wrote to standard error so far (the server's log).</summary>
    public string StandardError
    {
        get
        {
            lock (standardError)
            {
                return standardError.ToString();
            }
        }
    }

    /// <summary>
    /// Runs <c>dotnet lotkeeper.dll serve --urls http://127.0.0.1:PORT</c> followed by
    /// <paramref name="arguments"/> (configuration such as <c>--Lotkeeper:Storage:Provider=postgresql</c>), and
    /// waits until <c>/health/live</c> returns 200.
    /// </summary>
    /// <param name="workingDirectory">
    /// The process's working directory, where the default SQLite file <c>data/lotkeeper.db</c> goes; the system's
    /// temporary folder when null. Give a folder of the test's own when the arguments name no database.
    /// </param>
    /// <param name="port">The port to listen on; when null, a free one is picked.</param>
    /// <exception cref="InvalidOperationException">
    /// The process exited, or /health/live did not return 200 within <paramref name="startTimeout"/> (default
    /// <see cref="DefaultStartTimeout"/>); the message contains its standard error.
    /// </exception>
    public static async Task<LotkeeperProcess> StartAsync(
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        int? port = null,
        TimeSpan? startTimeout = null,
        CancellationToken cancellationToken = default)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{port ?? LoopbackPorts.FindFree()}/");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in new[] { ExecutablePath, "serve", "--urls", baseAddress.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child must not inherit test-runner settings that change how ASP.NET Core starts.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");

        var process = new Process { StartInfo = start };
        var server = new LotkeeperProcess(process, baseAddress);
        process.OutputDataReceived += (_, line) => Append(server.standardOutput, line.Data);
        process.ErrorDataReceived += (_, line) => Append(server.standardError, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilLiveAsync(startTimeout ?? DefaultStartTimeout, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ends the process at once with SIGKILL (no shutdown code runs) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    /// <summary>Ends the process at once with SIGKILL without waiting for it to be gone.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // The process never started.
        }

        process.Dispose();
    }

    private async Task WaitUntilLiveAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException(
                    $"lotkeeper exited with code {process.ExitCode} before it served requests:\n{StandardError}");
            }

            try
            {
                using var response = await probe.GetAsync("health/live", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The probe timed out; the server is still starting.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new InvalidOperationException(
            $"lotkeeper did not return 200 from {BaseAddress}health/live within {timeout.TotalSeconds} s:\n"
                + StandardError);
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
    }

    // The dotnet CLI sets DOTNET_HOST_PATH for the processes it starts; without it, "dotnet" on the PATH is used.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : "dotnet";
}
