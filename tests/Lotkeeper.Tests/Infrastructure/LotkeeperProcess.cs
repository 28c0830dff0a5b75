using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Lotkeeper.Tests.Infrastructure;

/// <summary>
/// The real <c>lotkeeper</c> executable running <c>serve</c> as a separate process on a free loopback port, with
/// its standard output and standard error captured. <see cref="Kill"/> sends SIGKILL, so nothing in the process
/// gets to flush or clean up.
/// </summary>
public sealed class LotkeeperProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();

    private LotkeeperProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    /// <summary>A client whose base address is the server's.</summary>
    public HttpClient Client { get; }

    public string StandardOutput
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (error)
            {
                return error.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    /// <summary>
    /// Starts <c>lotkeeper serve</c> with <paramref name="arguments"/> (configuration such as
    /// <c>--Lotkeeper:Storage:ConnectionString=...</c>) and waits until <c>/health/live</c> answers.
    /// </summary>
    /// <exception cref="InvalidOperationException">The process exited or did not answer within 60 seconds.</exception>
    public static async Task<LotkeeperProcess> StartAsync(IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var port = FindFreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lotkeeper.dll"));
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child must not inherit test-runner settings that change how ASP.NET Core starts.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");

        var server = new LotkeeperProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        server.process.OutputDataReceived += (_, line) => Append(server.output, line.Data);
        server.process.ErrorDataReceived += (_, line) => Append(server.error, line.Data);
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        await server.WaitUntilLiveAsync();
        return server;
    }

    /// <summary>Kills the process with SIGKILL and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    /// <summary>Kills the process with SIGKILL without waiting.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Client.Dispose();
        process.Dispose();
    }

    private async Task WaitUntilLiveAsync()
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"lotkeeper exited with code {process.ExitCode} before it answered:\n{StandardError}");
            }

            try
            {
                using var response = await probe.GetAsync("health/live");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Started but slow to answer.
            }

            await Task.Delay(100);
        }

        Kill();
        throw new InvalidOperationException($"lotkeeper did not answer /health/live within 60 seconds:\n{StandardError}");
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
