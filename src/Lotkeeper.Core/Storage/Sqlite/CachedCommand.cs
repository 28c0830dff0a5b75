using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Lotkeeper.Storage.Sqlite;

/// <summary>
/// A command of a <see cref="CachedConnection"/>. It collects its text and parameters like any command, and runs on
/// the kept SQLite command for that text, taken from the cache for the run and handed back afterwards.
/// </summary>
internal sealed class CachedCommand(CachedConnection connection) : DbCommand
{
    // Holds the parameters only; it never runs.
    private readonly SqliteCommand parameterHolder = new();

    private SqliteCommand? reading;
    private SqliteDataReader? reader;
    private int? commandTimeout;

    [AllowNull]
    public override string CommandText { get; set; } = "";

    public override int CommandTimeout
    {
        get => commandTimeout ?? connection.Cache.Connection.DefaultTimeout;
        set => commandTimeout = value;
    }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new NotSupportedException("SQLite runs text commands only.");
            }
        }
    }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    public override bool DesignTimeVisible { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set => throw new NotSupportedException("A cached command stays with the connection that created it.");
    }

    protected override DbParameterCollection DbParameterCollection => parameterHolder.Parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel() => reading?.Cancel();

    // Statements are prepared on their first run and stay prepared while kept.
    public override void Prepare()
    {
    }

    public override int ExecuteNonQuery() => Run(command => command.ExecuteNonQuery());

    public override object? ExecuteScalar() => Run(command => command.ExecuteScalar());

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) =>
        RunAsync(command => command.ExecuteNonQueryAsync(cancellationToken));

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) =>
        RunAsync(command => command.ExecuteScalarAsync(cancellationToken));

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var command = Bind();
        try
        {
            reader = command.ExecuteReader(behavior);
            reading = command;
            return reader;
        }
        catch
        {
            connection.Cache.Return(command);
            throw;
        }
    }

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(
        CommandBehavior behavior, CancellationToken cancellationToken)
    {
        var command = Bind();
        try
        {
            reader = await command.ExecuteReaderAsync(behavior, cancellationToken);
            reading = command;
            return reader;
        }
        catch
        {
            connection.Cache.Return(command);
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReturnReading();
            parameterHolder.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Closes the reader this command handed out, which resets its statements, and returns its kept command. Callers
    /// close readers first, so closing it here only matters for one left open by mistake.
    /// </summary>
    private void ReturnReading()
    {
        reader?.Dispose();
        reader = null;
        if (reading is not null)
        {
            connection.Cache.Return(reading);
            reading = null;
        }
    }

    private T Run<T>(Func<SqliteCommand, T> execute)
    {
        var command = Bind();
        try
        {
            return execute(command);
        }
        finally
        {
            connection.Cache.Return(command);
        }
    }

    private async Task<T> RunAsync<T>(Func<SqliteCommand, Task<T>> execute)
    {
        var command = Bind();
        try
        {
            return await execute(command);
        }
        finally
        {
            connection.Cache.Return(command);
        }
    }

    private SqliteCommand Bind()
    {
        var transaction = DbTransaction switch
        {
            null => null,
            CachedTransaction cached => cached.Inner,
            _ => throw new InvalidOperationException(
                "Invalid transaction: it was not started by this command's connection."),
        };

        // A command may run again once its last reader is closed, so the kept command that reader used goes back
        // first.
        if (reader is { IsClosed: false })
        {
            throw new InvalidOperationException(
                "The command's previous reader is still open. Dispose the reader before running the command again.");
        }

        ReturnReading();
        var command = connection.Cache.Take(CommandText);
        command.Transaction = transaction;
        if (commandTimeout is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        foreach (SqliteParameter parameter in parameterHolder.Parameters)
        {
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
