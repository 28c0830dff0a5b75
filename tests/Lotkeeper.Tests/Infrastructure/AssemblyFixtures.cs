using Lotkeeper.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(PostgresCluster))]
