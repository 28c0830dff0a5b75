namespace Lotkeeper.Tests.Infrastructure;

/// <summary>Exit code, standard output and standard error of one command.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error);
