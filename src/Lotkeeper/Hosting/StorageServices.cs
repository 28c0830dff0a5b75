using Lotkeeper.Auth;
using Lotkeeper.Configuration;
using Lotkeeper.Enforcement;
using Lotkeeper.Permits;
using Lotkeeper.Storage;
using Lotkeeper.Storage.Sql;
using Microsoft.Extensions.Options;

namespace Lotkeeper.Hosting;

/// <summary>Registers the configured store and the services built on it.</summary>
internal static class StorageServices
{
    public static IServiceCollection AddLotkeeperCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
            StoreFactory.CreateDatabase(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(provider => new SqlStore(
            provider.GetRequiredService<ISqlDatabase>(), provider.GetRequiredService<ILogger<SqlStore>>()));
        services.AddSingleton<IPermitStore>(provider => provider.GetRequiredService<SqlStore>());
        services.AddSingleton<IAdminStore>(provider => provider.GetRequiredService<SqlStore>());
        services.AddSingleton<IEnforcementStore>(provider => provider.GetRequiredService<SqlStore>());
        services.AddSingleton<TokenAuthenticator>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<PermitService>();
        services.AddSingleton<EnforcementEngine>();
        return services;
    }
}
