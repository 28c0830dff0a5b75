using Microsoft.Extensions.Logging;

namespace Lotkeeper.Storage.Sql;

/// <summary>
/// Log messages of <see cref="SqlStore"/>, event ids 3100 to 3199. They name the operation, the attempt and the
/// error's type and code; never a connection string, a parameter value or a token.
/// </summary>
internal static partial class StorageLog
{
    [LoggerMessage(
        3100,
        LogLevel.Warning,
        "Retrying a {Operation} on the {Provider} database in {DelayMilliseconds} ms after attempt {Attempt} of "
            + "{MaxAttempts} failed with {ErrorKind} ({ErrorType} {ErrorCode})")]
    public static partial void Retrying(
        ILogger logger,
        string operation,
        string provider,
        int delayMilliseconds,
        int attempt,
        int maxAttempts,
        DatabaseErrorKind errorKind,
        string errorType,
        string errorCode);

    [LoggerMessage(
        3101,
        LogLevel.Warning,
        "Gave up a {Operation} on the {Provider} database after {Attempts} attempts; the last failed with "
            + "{ErrorKind} ({ErrorType} {ErrorCode})")]
    public static partial void GaveUp(
        ILogger logger,
        string operation,
        string provider,
        int attempts,
        DatabaseErrorKind errorKind,
        string errorType,
        string errorCode);

    [LoggerMessage(
        3102,
        LogLevel.Warning,
        "A commit on the {Provider} database failed with {ErrorKind} ({ErrorType} {ErrorCode}); whether it was "
            + "stored is unknown, so it is not repeated")]
    public static partial void CommitOutcomeUnknown(
        ILogger logger, string provider, DatabaseErrorKind errorKind, string errorType, string errorCode);

    [LoggerMessage(
        3103,
        LogLevel.Warning,
        "Push {ReferenceId} lost a permit-number race, and the winning permit was deleted before it could be read; "
            + "inserting again")]
    public static partial void PushWinnerGone(ILogger logger, string referenceId);
}
