using System.Data.Common;
using System.Threading.Channels;

namespace Lotkeeper.Storage.Sql;

/// <summary>
/// Runs write transactions through one connection, batching the writes that queue up while a commit is in flight
/// into one transaction, so that many writes share one fsync. Each write runs inside its own savepoint, so one that
/// fails is rolled back alone and the rest of its batch commits. Every caller's task completes only after the
/// batch's commit has returned, so an acknowledged write is durable.
/// </summary>
/// <remarks>
/// Writes run one at a time, in arrival order, which is what SQLite allows anyway. A write must not wait for another
/// write of the same writer, or it waits for itself. A bulk write (<see cref="ExecuteAloneAsync{T}"/>) runs in a
/// transaction of its own without a savepoint: SQLite keeps a savepoint's undo journal for as long as the savepoint
/// lasts, and in memory it cuts that journal back by walking it from the start after every statement, so thousands
/// of statements under one savepoint took time quadratic in their number.
/// </remarks>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>Maximum writes in one transaction; more wait for the next commit.</summary>
    public const int MaxBatchSize = 256;

    private readonly Channel<PendingWrite> queue =
        Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Func<CancellationToken, ValueTask<DbConnection>> openConnection;
    private readonly Task loop;
    private int queued;
    private long commits;

    /// <param name="openConnection">Opens the writer's connection; called again after a failed commit.</param>
    public GroupCommitWriter(Func<CancellationToken, ValueTask<DbConnection>> openConnection)
    {
        this.openConnection = openConnection;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Writes waiting for their batch, for the write-queue depth metric.</summary>
    public int QueueDepth => Volatile.Read(ref queued);

    /// <summary>Transactions committed since the writer started; with concurrent writers, fewer than the writes.</summary>
    public long Commits => Interlocked.Read(ref commits);

    /// <summary>Queues <paramref name="write"/> and completes once the transaction that ran it has committed.</summary>
    /// <exception cref="ObjectDisposedException">The writer is shut down.</exception>
    public Task<T> ExecuteAsync<T>(
        Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken) =>
        Enqueue(new PendingWrite<T>(write, alone: false, cancellationToken));

    /// <summary>
    /// Queues a bulk <paramref name="write"/> that runs in a transaction of its own, with no other write and no
    /// savepoint, and completes once that transaction has committed. When it fails, its transaction is rolled back.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The writer is shut down.</exception>
    public Task<T> ExecuteAloneAsync<T>(
        Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken cancellationToken) =>
        Enqueue(new PendingWrite<T>(write, alone: true, cancellationToken));

    private Task<T> Enqueue<T>(PendingWrite<T> pending)
    {
        Interlocked.Increment(ref queued);
        if (!queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref queued);
            throw new ObjectDisposedException(nameof(GroupCommitWriter));
        }

        return pending.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
    }

    private async Task RunAsync()
    {
        DbConnection? connection = null;
        var batch = new List<PendingWrite>(MaxBatchSize);

        // A bulk write read while a batch fills up waits here for the next transaction.
        PendingWrite? carried = null;
        try
        {
            while (carried is not null || await queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                if (carried is not null)
                {
                    batch.Add(carried);
                    carried = null;
                }

                while (batch is not [{ Alone: true }]
                    && batch.Count < MaxBatchSize
                    && queue.Reader.TryRead(out var pending))
                {
                    Interlocked.Decrement(ref queued);
                    if (pending.CancelIfRequested())
                    {
                        continue;
                    }

                    if (pending.Alone && batch.Count > 0)
                    {
                        carried = pending;
                        break;
                    }

                    batch.Add(pending);
                }

                if (batch.Count > 0)
                {
                    connection = await RunBatchAsync(connection, batch);
                }
            }
        }
        catch (Exception exception)
        {
            // Nothing above is expected to throw. If something does, later writes fail at once, because no loop is
            // left to run them.
            queue.Writer.TryComplete(exception);
            carried?.Fail(exception);
            foreach (var pending in batch)
            {
                pending.Fail(exception);
            }

            while (queue.Reader.TryRead(out var pending))
            {
                pending.Fail(exception);
            }
        }
        finally
        {
            await CloseQuietlyAsync(connection);
        }
    }

    /// <summary>
    /// Runs one batch in one transaction and completes its writers' tasks. Returns the connection for the next batch:
    /// the same one, or null after a failure, so that the next batch opens a fresh one.
    /// </summary>
    private async Task<DbConnection?> RunBatchAsync(DbConnection? connection, List<PendingWrite> batch)
    {
        try
        {
            connection ??= await openConnection(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var pending in batch)
            {
                await pending.RunAsync(connection, transaction);
            }

            // A bulk write that failed has no savepoint to undo it, so its transaction is rolled back instead.
            if (batch is [{ Alone: true, Failed: true }])
            {
                await transaction.RollbackAsync();
            }
            else
            {
                await transaction.CommitAsync();
                Interlocked.Increment(ref commits);
            }

            foreach (var pending in batch)
            {
                pending.Complete();
            }

            return connection;
        }
        catch (Exception exception)
        {
            // The batch's transaction failed to open, to roll back a savepoint or to commit, so its writes may not be stored.
            foreach (var pending in batch)
            {
                pending.Fail(exception);
            }

            await CloseQuietlyAsync(connection);
            return null;
        }
    }

    private static async Task CloseQuietlyAsync(DbConnection? connection)
    {
        if (connection is null)
        {
            return;
        }

        try
        {
            await connection.DisposeAsync();
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException)
        {
            // A connection that failed may fail again while closing; the next batch opens a new one either way.
        }
    }

    private abstract class PendingWrite(bool alone)
    {
        /// <summary>True for a bulk write, which runs in a transaction of its own without a savepoint.</summary>
        public bool Alone => alone;

        public abstract bool Failed { get; }

        public abstract bool CancelIfRequested();

        public abstract Task RunAsync(DbConnection connection, DbTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(
        Func<DbConnection, DbTransaction, Task<T>> write, bool alone, CancellationToken cancellationToken)
        : PendingWrite(alone)
    {
        private const string Savepoint = "lotkeeper_write";

        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;
        private Exception? error;

        public Task<T> Task => completion.Task;

        public override bool Failed => error is not null;

        public override bool CancelIfRequested()
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            completion.TrySetCanceled(cancellationToken);
            return true;
        }

        public override async Task RunAsync(DbConnection connection, DbTransaction transaction)
        {
            if (Alone)
            {
                try
                {
                    result = await write(connection, transaction);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    error = exception;
                }

                return;
            }

            await transaction.SaveAsync(Savepoint);
            try
            {
                result = await write(connection, transaction);
                await transaction.ReleaseAsync(Savepoint);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Only this write's changes are undone; the batch goes on. A failure of the rollback itself
                // escapes and fails the whole batch.
                error = exception;
                await transaction.RollbackAsync(Savepoint);
                await transaction.ReleaseAsync(Savepoint);
            }
        }

        public override void Complete()
        {
            if (error is not null)
            {
                completion.TrySetException(error);
            }
            else
            {
                completion.TrySetResult(result!);
            }
        }

        public override void Fail(Exception exception) =>
            completion.TrySetException(new GroupCommitFailedException(exception));
    }
}
