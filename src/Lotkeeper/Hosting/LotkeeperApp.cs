using System.Data.Common;
using System.Reflection;
using Lotkeeper.Api;
using Lotkeeper.Auth;
using Lotkeeper.Errors;
using Lotkeeper.Logging;
using Lotkeeper.Storage;
using Lotkeeper.Storage.Sql;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Lotkeeper.Hosting;

/// <summary>Builds and starts the web application that <c>serve</c> runs and the tests host.</summary>
public static class LotkeeperApp
{
    /// <summary>
    /// Creates the builder with every service registered. <paramref name="args"/> are ASP.NET Core command-line
    /// options such as <c>--urls</c> and <c>--Lotkeeper:Storage:ConnectionString=...</c>.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);

        // Logs go to standard error, so standard output carries only results such as the demo token.
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(
            console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // Options: bound once, validated at start-up.
        builder.Services.AddOptions<ApiOptions>()
            .Bind(builder.Configuration.GetSection(ApiOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<RateLimitOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<RetentionOptions>()
            .Bind(builder.Configuration.GetSection(RetentionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<RetentionSchedule>();
        builder.Services.AddOptions<StatsOptions>()
            .Bind(builder.Configuration.GetSection(StatsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<StatsCompactionSchedule>();
        builder.Services.AddOptions<BootstrapOptions>()
            .Bind(builder.Configuration.GetSection(BootstrapOptions.Section));

        // Kestrel: a body limit above the API's own 64 KiB, so that the API can reject oversized bodies itself. The
        // header limits and timeouts are enforced by Kestrel alone, which responds 431 or 408 or closes the
        // connection before any endpoint runs.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 64;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
            kestrel.Limits.MinRequestBodyDataRate =
                new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        });

        // Metrics: ASP.NET Core's request duration histograms and the server's own meter, scraped at /metrics.
        builder.Services.AddSingleton<LotkeeperMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(LotkeeperMetrics.MeterName)
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));

        builder.Services.AddLotkeeperCore(builder.Configuration);
        builder.Services.AddSingleton<TokenRateLimiter>();
        builder.Services.AddSingleton<PermitsApiContext>();

        // OpenAPI: one document, /openapi/v1.json, describing the native enforcement API.
        builder.Services.AddEnforcementOpenApi();
        return builder;
    }

    /// <summary>Builds the application: exception handling, then the API routes.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();

        // Unhandled exceptions: logged with the exception, sent to the caller as 9999 with no details.
        app.UseExceptionHandler(handler => handler.Run(WriteServerErrorAsync));

        app.MapPermitsApi();
        app.MapEnforcementApi();
        app.MapPlateValidationApi();
        app.MapGenetecApi();
        app.MapOpenApi();
        app.MapHealthChecks();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>
    /// Migrates the database and, on a brand new one, creates the demo client. Returns the demo token's secret,
    /// which the caller prints once, or null.
    /// </summary>
    public static async Task<string?> PrepareDatabaseAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var services = app.Services;
        var store = services.GetRequiredService<IAdminStore>();
        await store.MigrateAsync(cancellationToken);

        var database = services.GetRequiredService<ISqlDatabase>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Lotkeeper");
        Log.Starting(logger, Version, database.Provider, database.Description);

        if (!services.GetRequiredService<IOptions<BootstrapOptions>>().Value.CreateDemoClient)
        {
            return null;
        }

        var secret = await DemoClient.CreateIfEmptyAsync(
            store, services.GetRequiredService<TokenIssuer>(), services.GetRequiredService<TimeProvider>(), cancellationToken);
        if (secret is not null)
        {
            Log.DemoClientCreated(logger, DemoClient.Code);
        }

        return secret;
    }

    public static string Version { get; } =
        typeof(LotkeeperApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";

    private static void MapHealthChecks(this WebApplication app)
    {
        app.MapGet("/health/live", () => TypedResults.Text("ok"));
        app.MapGet("/health/ready", async Task<IResult> (IAdminStore store, CancellationToken cancellationToken) =>
        {
            try
            {
                await store.IsEmptyAsync(cancellationToken);
                return TypedResults.Text("ok");
            }
            catch (Exception exception) when (exception is StorageUnavailableException or DbException)
            {
                // A database that refuses the query (wrong password, missing database) is as unready as one away.
                return TypedResults.Text("database unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
    }

    private static async Task WriteServerErrorAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Lotkeeper.Api");
        if (exception is not null)
        {
            var path = new string([.. (context.Request.Path.Value ?? "").Where(c => !char.IsControl(c))]);
            Log.RequestFailed(logger, path, "(unknown)", exception);
        }

        // A fixed error status, when configured, applies here too: clients written against servers that send every
        // error with 200 read the body's ErrorCode, never the status.
        var fixedStatus = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.ErrorStatusCode;
        var unavailable = exception is StorageUnavailableException;
        context.Response.StatusCode = fixedStatus > 0
            ? fixedStatus
            : unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        await context.Response.WriteAsJsonAsync(
            new OpsComError(
                (int)ErrorCode.ServerError, ErrorCatalogue.MessageOf(ErrorCode.ServerError), null, null),
            OpsComJsonContext.Wire.OpsComError);
    }
}
