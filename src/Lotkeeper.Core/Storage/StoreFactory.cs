using Lotkeeper.Configuration;
using Lotkeeper.Storage.Sql;
using Lotkeeper.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Lotkeeper.Storage;

/// <summary>Creates the database adapter that <see cref="StorageOptions"/> names.</summary>
public static class StoreFactory
{
    /// <exception cref="InvalidOperationException">The options name no usable database.</exception>
    public static ISqlDatabase CreateDatabase(StorageOptions options)
    {
        if (options.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException(
                    "Lotkeeper:Storage:ConnectionString is required when the provider is postgresql.");
            }

            return new Postgres.PostgresDatabase(options.ConnectionString);
        }

        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(options.ConnectionString)
                ? StorageOptions.DefaultSqliteConnectionString
                : options.ConnectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:")
        {
            throw new InvalidOperationException(
                "Lotkeeper:Storage:ConnectionString must name an SQLite file, such as 'Data Source=data/lotkeeper.db'.");
        }

        return new SqliteDatabase(builder.DataSource);
    }
}
