using System.Data.Common;
using System.Net.Sockets;

namespace Lotkeeper.Storage.Sql;

public sealed partial class SqlStore
{
    /// <summary>
    /// Runs a read on a fresh connection, retrying connection failures, deadlocks and serialization failures up to
    /// <see cref="MaxAttempts"/> times.
    /// </summary>
    private async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                return await read(connection);
            }
            catch (Exception exception) when (IsRetryable(exception, cancellationToken, out var kind))
            {
                await PrepareRetryAsync("read", attempt, kind, exception, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Runs a write in one transaction and commits it. A failure before the commit is sent is retried like a read,
    /// because the server rolls back a transaction that never received its commit. A failure of the commit itself
    /// leaves the outcome unknown, so it is reported as <see cref="StorageUnavailableException"/> and not repeated.
    /// </summary>
    /// <remarks>
    /// Errors that are not transient (a unique violation, a bug) propagate after the transaction is rolled back, so
    /// a caller that catches one may use the database again at once.
    /// </remarks>
    private async Task<T> WriteAsync<T>(
        Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        if (database.Writer is { } writer)
        {
            return await WriteInBatchAsync(writer.ExecuteAsync, write, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            DbConnection? connection = null;
            DbTransaction? transaction = null;
            T result;
            try
            {
                connection = await database.OpenAsync(cancellationToken);
                transaction = await connection.BeginTransactionAsync(cancellationToken);
                result = await write(connection, transaction);
            }
            catch (Exception exception) when (IsRetryable(exception, cancellationToken, out var kind))
            {
                await DisposeAsync(transaction, connection);
                await PrepareRetryAsync("write", attempt, kind, exception, cancellationToken);
                continue;
            }
            catch
            {
                // Disposing an uncommitted transaction rolls it back before the error reaches the caller.
                await DisposeAsync(transaction, connection);
                throw;
            }

            try
            {
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception exception) when (IsRetryable(exception, cancellationToken, out var kind))
            {
                var (errorType, errorCode) = Describe(exception);
                StorageLog.CommitOutcomeUnknown(logger, database.Provider, kind, errorType, errorCode);
                if (kind == DatabaseErrorKind.ConnectionLost)
                {
                    database.ClearPool();
                }

                throw new StorageUnavailableException(
                    $"The {database.Provider} database failed during a commit; the change may or may not be stored.",
                    exception);
            }
            finally
            {
                await DisposeAsync(transaction, connection);
            }
        }
    }

    /// <summary>
    /// Runs a bulk write (many rows in one transaction) like <see cref="WriteAsync{T}"/>. Through the group-commit
    /// writer it runs in a transaction of its own, see <see cref="GroupCommitWriter.ExecuteAloneAsync{T}"/>.
    /// </summary>
    private Task<T> WriteBulkAsync<T>(
        Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken) =>
        database.Writer is { } writer
            ? WriteInBatchAsync(writer.ExecuteAloneAsync, write, cancellationToken)
            : WriteAsync(write, cancellationToken);

    /// <summary>
    /// Runs a write through the group-commit writer. A transient failure there fails every write of the batch, and
    /// whether the shared commit ran is not always known, so the caller gets
    /// <see cref="StorageUnavailableException"/> without a retry, as for a failed commit.
    /// </summary>
    private async Task<T> WriteInBatchAsync<T>(
        Func<Func<DbConnection, DbTransaction, Task<T>>, CancellationToken, Task<T>> execute,
        Func<DbConnection, DbTransaction, Task<T>> write,
        CancellationToken cancellationToken)
    {
        try
        {
            return await execute(write, cancellationToken);
        }
        catch (GroupCommitFailedException failure)
        {
            var exception = failure.InnerException!;
            var (errorType, errorCode) = Describe(exception);
            StorageLog.CommitOutcomeUnknown(logger, database.Provider, database.Classify(exception), errorType, errorCode);
            throw new StorageUnavailableException(
                $"The {database.Provider} database failed during a batched write; the change may or may not be stored.",
                exception);
        }
        catch (Exception exception) when (IsRetryable(exception, cancellationToken, out var kind))
        {
            var (errorType, errorCode) = Describe(exception);
            StorageLog.CommitOutcomeUnknown(logger, database.Provider, kind, errorType, errorCode);
            throw new StorageUnavailableException(
                $"The {database.Provider} database failed during a batched write; the change may or may not be stored.",
                exception);
        }
    }

    /// <summary>
    /// Logs and waits before the next attempt, or throws <see cref="StorageUnavailableException"/> when
    /// <paramref name="attempt"/> was the last one.
    /// </summary>
    private async Task PrepareRetryAsync(
        string operation, int attempt, DatabaseErrorKind kind, Exception exception, CancellationToken cancellationToken)
    {
        var (errorType, errorCode) = Describe(exception);
        if (kind == DatabaseErrorKind.ConnectionLost)
        {
            database.ClearPool();
        }

        if (attempt >= MaxAttempts)
        {
            StorageLog.GaveUp(logger, operation, database.Provider, attempt, kind, errorType, errorCode);
            throw new StorageUnavailableException(
                $"A {operation} on the {database.Provider} database failed {attempt} times; the last error was "
                    + $"{errorType} {errorCode}.",
                exception);
        }

        var delay = BackoffFor(attempt);
        StorageLog.Retrying(
            logger,
            operation,
            database.Provider,
            (int)delay.TotalMilliseconds,
            attempt,
            MaxAttempts,
            kind,
            errorType,
            errorCode);
        await Task.Delay(delay, cancellationToken);
    }

    private bool IsRetryable(Exception exception, CancellationToken cancellationToken, out DatabaseErrorKind kind)
    {
        kind = DatabaseErrorKind.Other;
        if (cancellationToken.IsCancellationRequested || exception is OperationCanceledException)
        {
            return false;
        }

        kind = database.Classify(exception);
        return kind is DatabaseErrorKind.ConnectionLost or DatabaseErrorKind.Transient;
    }

    /// <summary>
    /// Waits 100 ms after the first failed attempt and 400 ms after the second, each stretched by up to a quarter
    /// at random so that app instances that failed together do not retry in step.
    /// </summary>
    private static TimeSpan BackoffFor(int attempt)
    {
        var milliseconds = 100.0 * attempt * attempt;
        return TimeSpan.FromMilliseconds(milliseconds * (1 + (Random.Shared.NextDouble() / 4)));
    }

    /// <summary>Names an error for the log by its type and code (SQLSTATE or socket error), not its message.</summary>
    private static (string Type, string Code) Describe(Exception exception)
    {
        var code = exception switch
        {
            DbException { SqlState: { Length: > 0 } state } => state,
            { InnerException: SocketException socket } => socket.SocketErrorCode.ToString(),
            { InnerException: { } inner } => inner.GetType().Name,
            _ => "-",
        };
        return (exception.GetType().Name, code);
    }

    private static async ValueTask DisposeAsync(DbTransaction? transaction, DbConnection? connection)
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
