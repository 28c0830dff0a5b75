namespace Lotkeeper.Tests.Infrastructure;

/// <summary>The storage backends every storage and API test runs against.</summary>
public enum Backend
{
    Sqlite,
    Postgres,
}
