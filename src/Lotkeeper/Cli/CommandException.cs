namespace Lotkeeper.Cli;

/// <summary>An expected failure of a command; only its message is printed, to standard error.</summary>
internal sealed class CommandException(string message) : Exception(message);
