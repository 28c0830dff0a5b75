namespace Lotkeeper.Hosting;

/// <summary>The <c>Lotkeeper:Bootstrap</c> section: what <c>serve</c> sets up on a brand new database.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Lotkeeper:Bootstrap";

    /// <summary>
    /// When true (the default), <c>serve</c> on a database with no client creates the client <c>DEMO</c> with zone
    /// policy <c>auto-create</c> and a token with every permission, and prints that token once to standard output.
    /// </summary>
    public bool CreateDemoClient { get; set; } = true;
}
