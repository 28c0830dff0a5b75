using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Lotkeeper.Storage.Sqlite;

/// <summary>
/// A <see cref="DbConnection"/> over a <see cref="StatementCache"/>: Dapper and the shared SQL use it like any
/// connection, and every command it creates runs on a kept, already prepared SQLite command.
/// </summary>
/// <param name="cache">The open connection and its kept commands.</param>
/// <param name="release">
/// Called once when this connection is disposed: it hands <paramref name="cache"/> back to a pool or disposes it.
/// </param>
internal sealed class CachedConnection(StatementCache cache, Action<StatementCache> release) : DbConnection
{
    private bool released;

    public StatementCache Cache => cache;

    [AllowNull]
    public override string ConnectionString
    {
        get => cache.Connection.ConnectionString;
        set => throw new NotSupportedException("A cached connection keeps the connection string it was opened with.");
    }

    public override string Database => cache.Connection.Database;

    public override string DataSource => cache.Connection.DataSource;

    public override string ServerVersion => cache.Connection.ServerVersion;

    public override ConnectionState State => released ? ConnectionState.Closed : cache.Connection.State;

    public override void ChangeDatabase(string databaseName) => cache.Connection.ChangeDatabase(databaseName);

    public override void Open()
    {
        if (State != ConnectionState.Open)
        {
            throw new InvalidOperationException("A cached connection is opened by its pool and cannot be reopened.");
        }
    }

    public override void Close() => Release();

    // After release the cache may already serve another caller, so this wrapper must not reach it any more.
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        ObjectDisposedException.ThrowIf(released, this);
        return new CachedTransaction(this, cache.Connection.BeginTransaction(isolationLevel));
    }

    protected override DbCommand CreateDbCommand()
    {
        ObjectDisposedException.ThrowIf(released, this);
        return new CachedCommand(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Release();
        }

        base.Dispose(disposing);
    }

    private void Release()
    {
        if (!released)
        {
            released = true;
            release(cache);
        }
    }
}
