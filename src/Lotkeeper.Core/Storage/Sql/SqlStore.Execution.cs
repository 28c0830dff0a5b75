using System.Data.Common;

namespace Lotkeeper.Storage.Sql;

public sealed partial class SqlStore
{
    private async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                return await read(connection);
            }
            catch (Exception exception) when (IsTransient(exception, cancellationToken))
            {
                if (attempt >= MaxAttempts)
                {
                    throw new StorageUnavailableException(
                        $"The {database.Provider} database did not answer after {attempt} attempts.", exception);
                }

                await Task.Delay(BackoffFor(attempt), cancellationToken);
            }
        }
    }

    private async Task<T> WriteAsync<T>(
        Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        using var writeTurn = await database.EnterWriteAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            DbConnection? connection = null;
            DbTransaction? transaction = null;
            try
            {
                connection = await database.OpenAsync(cancellationToken);
                transaction = await connection.BeginTransactionAsync(cancellationToken);
            }
            catch (Exception exception) when (IsTransient(exception, cancellationToken))
            {
                await DisposeAsync(transaction, connection);
                if (attempt >= MaxAttempts)
                {
                    throw new StorageUnavailableException(
                        $"The {database.Provider} database did not answer after {attempt} attempts.", exception);
                }

                await Task.Delay(BackoffFor(attempt), cancellationToken);
                continue;
            }

            try
            {
                var result = await write(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception exception) when (IsTransient(exception, cancellationToken))
            {
                // The transaction had started, so whether it committed is unknown: report, do not repeat.
                throw new StorageUnavailableException(
                    $"The {database.Provider} database failed during a write; the change may not be stored.",
                    exception);
            }
            finally
            {
                await DisposeAsync(transaction, connection);
            }
        }
    }

    private bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && exception is not OperationCanceledException
        && database.Classify(exception) == DatabaseErrorKind.Transient;

    private static TimeSpan BackoffFor(int attempt) => TimeSpan.FromMilliseconds(50 * attempt * attempt);

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
