using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Lotkeeper.Storage.Sqlite;

/// <summary>
/// A transaction of a <see cref="CachedConnection"/>. Its savepoint statements run on kept commands too, because the
/// group-commit writer sets and releases a savepoint around every write.
/// </summary>
internal sealed class CachedTransaction(CachedConnection connection, SqliteTransaction inner) : DbTransaction
{
    public SqliteTransaction Inner => inner;

    public override IsolationLevel IsolationLevel => inner.IsolationLevel;

    public override bool SupportsSavepoints => true;

    protected override DbConnection? DbConnection => inner.Connection is null ? null : connection;

    public override void Commit() => inner.Commit();

    public override void Rollback() => inner.Rollback();

    public override void Save(string savepointName) => RunSavepointStatement("SAVEPOINT ", savepointName);

    public override void Rollback(string savepointName) =>
        RunSavepointStatement("ROLLBACK TO SAVEPOINT ", savepointName);

    public override void Release(string savepointName) => RunSavepointStatement("RELEASE SAVEPOINT ", savepointName);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void RunSavepointStatement(string statement, string savepointName)
    {
        // The name becomes part of the SQL text, so only plain identifiers are taken.
        if (savepointName.Length == 0 || !savepointName.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException(
                "Invalid savepoint name: use ASCII letters, digits and underscores.", nameof(savepointName));
        }

        var command = connection.Cache.Take(statement + savepointName);
        try
        {
            command.Transaction = inner;
            command.ExecuteNonQuery();
        }
        finally
        {
            connection.Cache.Return(command);
        }
    }
}
