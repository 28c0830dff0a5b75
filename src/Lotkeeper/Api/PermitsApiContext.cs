using System.Text.Json.Serialization.Metadata;
using Lotkeeper.Errors;
using Lotkeeper.Hosting;
using Lotkeeper.Permits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lotkeeper.Api;

/// <summary>What every permits API handler needs; one instance serves all requests.</summary>
internal sealed class PermitsApiContext(
    PermitService service,
    TokenRateLimiter rateLimiter,
    LotkeeperMetrics metrics,
    IOptions<ApiOptions> options,
    ILoggerFactory loggers)
{
    public PermitService Service => service;

    public TokenRateLimiter RateLimiter => rateLimiter;

    public LotkeeperMetrics Metrics => metrics;

    public ILogger Logger { get; } = loggers.CreateLogger("Lotkeeper.Api.PermitsApi");

    public JsonHttpResult<T> SuccessResult<T>(T response)
        where T : class =>
        TypedResults.Json(response, (JsonTypeInfo<T>)OpsComJsonContext.Wire.GetTypeInfo(typeof(T))!);

    /// <summary>Sends a success body stored under an idempotency key, byte for byte as it was first sent.</summary>
    public ContentHttpResult StoredResult(string body) =>
        TypedResults.Content(body, "application/json; charset=utf-8", System.Text.Encoding.UTF8, 200);

    /// <summary>Builds the error envelope, with the code's own HTTP status unless a fixed one is configured.</summary>
    public JsonHttpResult<OpsComError> ErrorResult(PermitError error)
    {
        var status = options.Value.ErrorStatusCode > 0 ? options.Value.ErrorStatusCode : error.HttpStatus;
        return TypedResults.Json(
            new OpsComError((int)error.Code, error.Message, error.Field, error.Detail),
            OpsComJsonContext.Wire.OpsComError,
            statusCode: status);
    }
}
