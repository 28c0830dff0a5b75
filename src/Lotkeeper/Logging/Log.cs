using Microsoft.Extensions.Logging;

namespace Lotkeeper.Logging;

/// <summary>
/// Every log message of the server. Event ids: 1000s start-up and shutdown, 2000s requests, 3000s storage, 4000s
/// enforcement lookups, 5000s limits, idempotency, retention and metrics. No message takes a token, a token hash, a
/// connection-string password or a request body.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Lotkeeper {Version} serving on {Provider} database {Database}")]
    public static partial void Starting(ILogger logger, string version, string provider, string database);

    [LoggerMessage(1001, LogLevel.Information, "Created the demo client {ClientCode} on a new database")]
    public static partial void DemoClientCreated(ILogger logger, string clientCode);

    [LoggerMessage(2000, LogLevel.Information, "Rejected {Endpoint} for client {ClientCode} with {ErrorCode}")]
    public static partial void RequestRejected(ILogger logger, string endpoint, string clientCode, int errorCode);

    [LoggerMessage(2001, LogLevel.Error, "Failed {Endpoint} for client {ClientCode} with an unhandled exception")]
    public static partial void RequestFailed(ILogger logger, string endpoint, string clientCode, Exception exception);

    [LoggerMessage(3000, LogLevel.Warning, "Database unavailable during {Endpoint} for client {ClientCode}")]
    public static partial void StorageUnavailable(
        ILogger logger, string endpoint, string clientCode, Exception exception);

    [LoggerMessage(3001, LogLevel.Debug, "Folded {Marks} stats marks up to {Through:O} into the kept counts")]
    public static partial void StatsCompacted(ILogger logger, long marks, DateTimeOffset through);

    [LoggerMessage(
        3002, LogLevel.Warning, "The stats compaction failed; it runs again in {IntervalSeconds} s")]
    public static partial void StatsCompactionFailed(ILogger logger, Exception exception, int intervalSeconds);

    [LoggerMessage(4000, LogLevel.Information, "Rejected {Endpoint} for client {ClientCode} with HTTP {Status}")]
    public static partial void EnforcementRequestRejected(
        ILogger logger, string endpoint, string clientCode, int status);

    [LoggerMessage(4001, LogLevel.Warning, "Database unavailable during {Endpoint} for client {ClientCode}")]
    public static partial void EnforcementStorageUnavailable(
        ILogger logger, string endpoint, string clientCode, Exception exception);

    [LoggerMessage(4002, LogLevel.Information, "Rejected plate validation for client {ClientCode} with {ErrorCode}")]
    public static partial void PlateValidationRejected(ILogger logger, string clientCode, int errorCode);

    [LoggerMessage(4003, LogLevel.Information, "Rejected Genetec {Endpoint} with HTTP {Status}")]
    public static partial void GenetecRequestRejected(ILogger logger, string endpoint, int status);

    [LoggerMessage(
        5000,
        LogLevel.Warning,
        "Rate-limited a token on {Endpoint} for client {ClientCode}; it may retry after {RetryAfterSeconds} s")]
    public static partial void TokenRateLimited(
        ILogger logger, string endpoint, string clientCode, int retryAfterSeconds);

    [LoggerMessage(
        5001,
        LogLevel.Information,
        "Purged the plates of {Permits} permits older than {Days} days and {IdempotencyKeys} expired idempotency keys")]
    public static partial void PurgeCompleted(ILogger logger, int permits, int idempotencyKeys, int days);

    [LoggerMessage(5002, LogLevel.Warning, "The scheduled plate purge failed; it runs again in 24 hours")]
    public static partial void PurgeFailed(ILogger logger, Exception exception);
}
