using System.ComponentModel.DataAnnotations;

namespace Lotkeeper.Configuration;

/// <summary>The <c>Lotkeeper:Storage</c> section: which database the server and the commands use.</summary>
public sealed class StorageOptions
{
    public const string Section = "Lotkeeper:Storage";

    /// <summary>The SQLite file used when nothing is configured, relative to the working directory.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/lotkeeper.db";

    /// <summary><c>sqlite</c> (the default) or <c>postgresql</c>.</summary>
    [Required]
    [RegularExpression("^(?i)(sqlite|postgresql)$", ErrorMessage = "Lotkeeper:Storage:Provider must be sqlite or postgresql.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>
    /// An ADO.NET connection string for the provider. For SQLite only <c>Data Source</c> (the file path) is read; the
    /// default is <c>Data Source=data/lotkeeper.db</c>. PostgreSQL requires one.
    /// </summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, "postgresql", StringComparison.OrdinalIgnoreCase);
}
