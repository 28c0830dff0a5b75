using System.Data.Common;
using Dapper;
using Lotkeeper.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Lotkeeper.Tests.Storage;

/// <summary>The SQLite group-commit writer on a real database file.</summary>
public sealed class GroupCommitWriterTests : IAsyncLifetime
{
    private readonly string folder =
        Path.Combine(Path.GetTempPath(), "lotkeeper-writer-" + Guid.NewGuid().ToString("N")[..12]);
    private string connectionString = "";
    private GroupCommitWriter? writer;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        connectionString = $"Data Source={Path.Combine(folder, "writer.db")}";
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL; CREATE TABLE items (name TEXT PRIMARY KEY);");
        writer = new GroupCommitWriter(async cancellationToken =>
        {
            var writerConnection = new SqliteConnection(connectionString);
            await writerConnection.OpenAsync(cancellationToken);
            return writerConnection;
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (writer is not null)
        {
            await writer.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Failing_write_rolls_back_alone()
    {
        var release = new TaskCompletionSource();
        var blocker = writer!.ExecuteAsync(async (connection, transaction) =>
        {
            await release.Task;
            return await Insert(connection, transaction, "first");
        }, CancellationToken.None);
        var failing = writer.ExecuteAsync<int>(async (connection, transaction) =>
        {
            await Insert(connection, transaction, "second");
            throw new InvalidOperationException("This write fails after its insert.");
        }, CancellationToken.None);
        var duplicate = writer.ExecuteAsync(
            (connection, transaction) => Insert(connection, transaction, "first"), CancellationToken.None);
        var last = writer.ExecuteAsync(
            (connection, transaction) => Insert(connection, transaction, "third"), CancellationToken.None);

        release.SetResult();
        await blocker;
        await last;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("This write fails after its insert.", failure.Message);
        await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        Assert.Equal(["first", "third"], await ReadNamesAsync());
    }

    [Fact]
    public async Task Queued_writes_share_one_commit()
    {
        var release = new TaskCompletionSource();
        var blocker = writer!.ExecuteAsync(async (connection, transaction) =>
        {
            await release.Task;
            return await Insert(connection, transaction, "blocker");
        }, CancellationToken.None);
        var queued = Enumerable.Range(0, 100)
            .Select(index => writer.ExecuteAsync(
                (connection, transaction) => Insert(connection, transaction, $"item-{index:D3}"), CancellationToken.None))
            .ToList();

        release.SetResult();
        await blocker;
        await Task.WhenAll(queued);

        Assert.Equal(101, (await ReadNamesAsync()).Count);
        Assert.InRange(writer.Commits, 1, 3);
    }

    [Fact]
    public async Task Answer_comes_after_commit()
    {
        var result = await writer!.ExecuteAsync(
            (connection, transaction) => Insert(connection, transaction, "visible"), CancellationToken.None);

        Assert.Equal(1, result);
        Assert.Equal(["visible"], await ReadNamesAsync());
        Assert.Equal(1, writer.Commits);
    }

    [Fact]
    public async Task Failed_open_fails_batch_then_recovers()
    {
        var opens = 0;
        await using var flaky = new GroupCommitWriter(async cancellationToken =>
        {
            if (Interlocked.Increment(ref opens) == 1)
            {
                throw new SqliteException("The first open fails.", 14);
            }

            var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return connection;
        });

        var failed = flaky.ExecuteAsync(
            (connection, transaction) => Insert(connection, transaction, "lost"), CancellationToken.None);
        var failure = await Assert.ThrowsAsync<GroupCommitFailedException>(() => failed);
        var stored = await flaky.ExecuteAsync(
            (connection, transaction) => Insert(connection, transaction, "stored"), CancellationToken.None);

        Assert.IsType<SqliteException>(failure.InnerException);
        Assert.Equal(1, stored);
        Assert.Equal(["stored"], await ReadNamesAsync());
    }

    [Fact]
    public async Task Bulk_write_commits_on_its_own()
    {
        var release = new TaskCompletionSource();
        var blocker = writer!.ExecuteAsync(async (connection, transaction) =>
        {
            await release.Task;
            return await Insert(connection, transaction, "blocker");
        }, CancellationToken.None);
        var before = writer.ExecuteAsync(
            (connection, transaction) => Insert(connection, transaction, "before"), CancellationToken.None);
        var bulk = writer.ExecuteAloneAsync(async (connection, transaction) =>
        {
            var rows = 0;
            for (var index = 0; index < 200; index++)
            {
                rows += await Insert(connection, transaction, $"bulk-{index:D3}");
            }

            return rows;
        }, CancellationToken.None);
        var after = writer.ExecuteAsync(
            (connection, transaction) => Insert(connection, transaction, "after"), CancellationToken.None);

        release.SetResult();
        await Task.WhenAll(blocker, before, bulk, after);

        Assert.Equal(200, await bulk);
        Assert.Equal(203, (await ReadNamesAsync()).Count);
        Assert.Equal(3, writer.Commits);
    }

    [Fact]
    public async Task Failed_bulk_write_rolls_back_whole()
    {
        var failing = writer!.ExecuteAloneAsync<int>(async (connection, transaction) =>
        {
            await Insert(connection, transaction, "partial");
            throw new InvalidOperationException("This bulk write fails after its insert.");
        }, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        var stored = await writer.ExecuteAsync(
            (connection, transaction) => Insert(connection, transaction, "stored"), CancellationToken.None);

        Assert.Equal("This bulk write fails after its insert.", failure.Message);
        Assert.Equal(1, stored);
        Assert.Equal(["stored"], await ReadNamesAsync());
        Assert.Equal(1, writer.Commits);
    }

    private static Task<int> Insert(DbConnection connection, DbTransaction transaction, string name) =>
        connection.ExecuteAsync("INSERT INTO items (name) VALUES (@name)", new { name }, transaction);

    private async Task<List<string>> ReadNamesAsync()
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return [.. await connection.QueryAsync<string>("SELECT name FROM items ORDER BY name")];
    }
}
