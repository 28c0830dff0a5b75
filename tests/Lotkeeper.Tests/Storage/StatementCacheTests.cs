using Dapper;
using Lotkeeper.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Lotkeeper.Tests.Storage;

/// <summary>Kept prepared statements on the SQLite reader and writer connections, on a real database file.</summary>
public sealed class StatementCacheTests : IAsyncLifetime
{
    private const string ByName = "SELECT name FROM items WHERE name = @name";

    private readonly string folder =
        Path.Combine(Path.GetTempPath(), "lotkeeper-statements-" + Guid.NewGuid().ToString("N")[..12]);
    private SqliteDatabase? database;

    private SqliteDatabase Database => database!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        database = new SqliteDatabase(Path.Combine(folder, "statements.db"));
        Database.Migrate();
        await Database.Writer.ExecuteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                "CREATE TABLE items (name TEXT PRIMARY KEY); INSERT INTO items VALUES ('a'), ('b'), ('c');",
                transaction: transaction);
            return 0;
        }, CancellationToken.None);
    }

    public ValueTask DisposeAsync()
    {
        database?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Repeated_query_reuses_prepared_command()
    {
        await using var connection = (CachedConnection)await Database.OpenAsync(CancellationToken.None);
        await connection.QuerySingleAsync<string>(ByName, new { name = "a" });
        var cachedCommand = connection.Cache.Take(ByName);
        connection.Cache.Return(cachedCommand);

        var second = await connection.QuerySingleAsync<string>(ByName, new { name = "b" });

        Assert.Equal("b", second);
        Assert.Same(cachedCommand, connection.Cache.Take(ByName));
    }

    [Fact]
    public async Task Missing_parameter_is_not_taken_from_last_run()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await connection.QuerySingleAsync<string>(ByName, new { name = "a" });

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => connection.QuerySingleAsync<string>(ByName));

        Assert.Contains("@name", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Same_text_reads_twice_at_once()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var outer = connection.CreateCommand();
        outer.CommandText = "SELECT name FROM items ORDER BY name";
        await using var inner = connection.CreateCommand();
        inner.CommandText = outer.CommandText;
        var pairs = new List<string>();

        await using (var outerReader = await outer.ExecuteReaderAsync())
        {
            while (await outerReader.ReadAsync())
            {
                await using var innerReader = await inner.ExecuteReaderAsync();
                while (await innerReader.ReadAsync())
                {
                    pairs.Add(outerReader.GetString(0) + innerReader.GetString(0));
                }
            }
        }

        Assert.Equal(9, pairs.Count);
        Assert.Equal("cc", pairs[^1]);
    }

    [Fact]
    public async Task Rerun_with_open_reader_fails()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM items";
        await using var open = await command.ExecuteReaderAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => command.ExecuteReaderAsync());
    }

    [Fact]
    public async Task Disposed_reader_connection_is_reused()
    {
        var first = (CachedConnection)await Database.OpenAsync(CancellationToken.None);
        var cache = first.Cache;
        await first.DisposeAsync();

        await using var second = (CachedConnection)await Database.OpenAsync(CancellationToken.None);

        Assert.Same(cache, second.Cache);
        Assert.Equal(System.Data.ConnectionState.Closed, first.State);
    }

    [Fact]
    public async Task Connection_left_in_transaction_is_closed()
    {
        var first = (CachedConnection)await Database.OpenAsync(CancellationToken.None);
        var cache = first.Cache;
        await first.BeginTransactionAsync();
        await first.DisposeAsync();

        await using var second = (CachedConnection)await Database.OpenAsync(CancellationToken.None);
        var names = await second.QueryAsync<string>("SELECT name FROM items ORDER BY name");

        Assert.NotSame(cache, second.Cache);
        Assert.Equal(System.Data.ConnectionState.Closed, cache.Connection.State);
        Assert.Equal(["a", "b", "c"], names);
    }

    [Fact]
    public async Task Connection_with_open_reader_is_closed()
    {
        var first = (CachedConnection)await Database.OpenAsync(CancellationToken.None);
        var cache = first.Cache;
        var command = first.CreateCommand();
        command.CommandText = "SELECT name FROM items";
        var open = await command.ExecuteReaderAsync();
        await open.ReadAsync();
        await first.DisposeAsync();

        await using var second = (CachedConnection)await Database.OpenAsync(CancellationToken.None);

        Assert.NotSame(cache, second.Cache);
        Assert.Throws<ObjectDisposedException>(() => first.CreateCommand());
    }

    [Fact]
    public async Task Texts_beyond_the_limit_still_run()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var answers = new List<long>();

        for (var number = 0; number < StatementCache.MaxCommands + 10; number++)
        {
            answers.Add(await connection.ExecuteScalarAsync<long>($"SELECT {number} + @one", new { one = 1 }));
        }

        Assert.Equal(Enumerable.Range(1, StatementCache.MaxCommands + 10).Select(number => (long)number), answers);
    }

    [Fact]
    public async Task Failed_write_rolls_back_to_savepoint()
    {
        var failing = Database.Writer.ExecuteAsync<int>(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("INSERT INTO items VALUES ('d')", transaction: transaction);
            throw new InvalidOperationException("This write fails after its insert.");
        }, CancellationToken.None);
        var succeeding = Database.Writer.ExecuteAsync(
            (connection, transaction) =>
                connection.ExecuteAsync("INSERT INTO items VALUES ('e')", transaction: transaction),
            CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        await succeeding;

        await using var reader = await Database.OpenAsync(CancellationToken.None);
        var names = await reader.QueryAsync<string>("SELECT name FROM items ORDER BY name");
        Assert.Equal(["a", "b", "c", "e"], names);
    }
}
