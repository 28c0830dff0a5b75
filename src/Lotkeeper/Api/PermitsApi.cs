using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lotkeeper.Domain;
using Lotkeeper.Errors;
using Lotkeeper.Logging;
using Lotkeeper.Permits;
using Lotkeeper.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lotkeeper.Api;

/// <summary>
/// The OPS-COM-compatible Permits API: push, update, delete and stats, all <c>POST</c> with a JSON object body.
/// </summary>
internal static partial class PermitsApi
{
    public static void MapPermitsApi(this IEndpointRouteBuilder routes)
    {
        var permits = routes.MapGroup("/api/{client}/v1/permits");
        permits.MapPost("/push", Push);
        permits.MapPost("/update", Update);
        permits.MapPost("/delete", Delete);
        permits.MapPost("/stats", Stats);

        // An empty client segment ("/api//v1/...") matches no route parameter, so a catch-all route takes it.
        routes.MapPost("/api/{**rest}", MissingClient);
    }

    private static Task<Results<JsonHttpResult<PermitSavedResponse>, ContentHttpResult, JsonHttpResult<OpsComError>>>
        Push(string client, HttpRequest request, PermitsApiContext context) =>
        RunAsync("push", client, request, context, async (permitRequest, cancellationToken) =>
            Saved(
                await context.Service.PushAsync(
                    permitRequest,
                    IdempotencyKeyOf("push", request, permitRequest, includeTimes: true),
                    cancellationToken),
                includeTimes: true));

    private static Task<Results<JsonHttpResult<PermitSavedResponse>, ContentHttpResult, JsonHttpResult<OpsComError>>>
        Update(string client, HttpRequest request, PermitsApiContext context) =>
        RunAsync("update", client, request, context, async (permitRequest, cancellationToken) =>
            Saved(
                await context.Service.UpdateAsync(
                    permitRequest,
                    IdempotencyKeyOf("update", request, permitRequest, includeTimes: true),
                    cancellationToken),
                includeTimes: true));

    private static Task<Results<JsonHttpResult<PermitSavedResponse>, ContentHttpResult, JsonHttpResult<OpsComError>>>
        Delete(string client, HttpRequest request, PermitsApiContext context) =>
        RunAsync("delete", client, request, context, async (permitRequest, cancellationToken) =>
            Saved(
                await context.Service.DeleteAsync(
                    permitRequest,
                    IdempotencyKeyOf("delete", request, permitRequest, includeTimes: false),
                    cancellationToken),
                includeTimes: false));

    private static Task<Results<JsonHttpResult<StatsResponse>, ContentHttpResult, JsonHttpResult<OpsComError>>> Stats(
        string client, HttpRequest request, PermitsApiContext context) =>
        RunAsync<StatsResponse>("stats", client, request, context, async (permitRequest, cancellationToken) =>
        {
            var outcome = await context.Service.StatsAsync(permitRequest, cancellationToken);
            if (outcome.Error is not null)
            {
                return new(outcome.Error, null);
            }

            var rows = outcome.Value!
                .Select(entry => new StatsResponseRow(
                    entry.Type, entry.Zone, entry.Total.ToString(CultureInfo.InvariantCulture)))
                .ToList();
            return new(null, new StatsResponse(rows));
        });

    private static Results<JsonHttpResult<OpsComError>, NotFound> MissingClient(
        string? rest, PermitsApiContext context)
    {
        var match = BlankClientPath().Match(rest ?? "");
        if (!match.Success)
        {
            return TypedResults.NotFound();
        }

        var endpoint = match.Groups["endpoint"].Value;
        Log.RequestRejected(context.Logger, endpoint, "(blank)", (int)ErrorCode.ClientCodeMissing);
        return context.ErrorResult(new PermitError(ErrorCode.ClientCodeMissing));
    }

    private static EndpointResult<PermitSavedResponse> Saved(Outcome<PermitSaved> outcome, bool includeTimes)
    {
        if (outcome.Error is not null)
        {
            return new(outcome.Error, null);
        }

        var saved = outcome.Value!;
        return saved.ResponseBody is { } stored
            ? new(null, null, stored)
            : new(null, ResponseOf(saved, includeTimes));
    }

    private static PermitSavedResponse ResponseOf(PermitSaved saved, bool includeTimes) => new(
        "success",
        saved.ReferenceId,
        saved.ReferenceId,
        includeTimes ? PermitChanges.FormatInstant(saved.Start) : null,
        includeTimes ? PermitChanges.FormatInstant(saved.End) : null);

    /// <summary>
    /// Reads the <c>Idempotency-Key</c> header. Several values make one key that <see cref="IdempotencyKeys.IsValid"/>
    /// rejects, because a comma-joined pair is ambiguous. The request hash names the endpoint as well as the body,
    /// because an update that changes nothing and a delete can have the same body, and a key used for one must not
    /// replay its response for the other.
    /// </summary>
    private static IdempotencyKey? IdempotencyKeyOf(
        string endpoint, HttpRequest request, PermitRequest permitRequest, bool includeTimes)
    {
        if (!request.Headers.TryGetValue(IdempotencyKeys.HeaderName, out var values))
        {
            return null;
        }

        var key = values.Count == 1 ? values[0] ?? "" : "\0";
        return new IdempotencyKey(
            key,
            $"{endpoint}:{permitRequest.BodyHash}",
            saved => JsonSerializer.Serialize(
                ResponseOf(saved, includeTimes), OpsComJsonContext.Wire.PermitSavedResponse));
    }

    /// <summary>
    /// Applies the checks that come before the service (client code, then body), runs the endpoint, and turns the
    /// outcome into the OPS-COM response, logging one line for every rejected request.
    /// </summary>
    private static async Task<Results<JsonHttpResult<T>, ContentHttpResult, JsonHttpResult<OpsComError>>> RunAsync<T>(
        string endpoint,
        string client,
        HttpRequest request,
        PermitsApiContext context,
        Func<PermitRequest, CancellationToken, Task<EndpointResult<T>>> run)
        where T : class
    {
        var startTimestamp = Stopwatch.GetTimestamp();
        var cancellationToken = request.HttpContext.RequestAborted;
        var clientForLog = ClientCodes.IsValid(client) ? client : "(invalid)";
        PermitError? error;
        if (string.IsNullOrWhiteSpace(client))
        {
            error = new PermitError(ErrorCode.ClientCodeMissing);
        }
        else
        {
            try
            {
                var read = await PermitRequestReader.ReadAsync(request, client, cancellationToken);
                error = read.Error ?? CheckRateLimit(read.Value!, request, context, endpoint, clientForLog);
                if (error is null)
                {
                    var result = await run(read.Value!, cancellationToken);
                    error = result.Error;
                    if (error is null)
                    {
                        context.Metrics.RecordRequest(endpoint, null, startTimestamp);
                        return result.StoredBody is { } stored
                            ? context.StoredResult(stored)
                            : context.SuccessResult(result.Response!);
                    }
                }
            }
            catch (StorageUnavailableException exception)
            {
                Log.StorageUnavailable(context.Logger, endpoint, clientForLog, exception);
                context.Metrics.RecordDatabaseError(endpoint);
                error = new PermitError(ErrorCode.ServerError, Status: 503);
            }
        }

        Log.RequestRejected(context.Logger, endpoint, clientForLog, (int)error.Code);
        context.Metrics.RecordRequest(endpoint, (int)error.Code, startTimestamp);
        return context.ErrorResult(error);
    }

    /// <summary>
    /// Takes one request from the bucket of the body's token. A request without a usable token goes on, because the
    /// token check rejects it next.
    /// </summary>
    private static PermitError? CheckRateLimit(
        PermitRequest permitRequest,
        HttpRequest request,
        PermitsApiContext context,
        string endpoint,
        string clientForLog)
    {
        var token = permitRequest[PermitAttribute.Token];
        if (token.Kind != InputKind.Text || string.IsNullOrWhiteSpace(token.Text)
            || context.RateLimiter.TryAcquire(token.Text) is not { } retryAfter)
        {
            return null;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        Log.TokenRateLimited(context.Logger, endpoint, clientForLog, seconds);
        return new PermitError(
            ErrorCode.TooManyRequests,
            Detail: $"This token sent more requests than its limit allows; retry after {seconds} s.");
    }

    [GeneratedRegex(@"^/*\s*/v1/permits/(?<endpoint>push|update|delete|stats)$", RegexOptions.CultureInvariant)]
    private static partial Regex BlankClientPath();
}
