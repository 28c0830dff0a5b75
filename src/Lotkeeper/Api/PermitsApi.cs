using System.Globalization;
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

    private static Task<Results<JsonHttpResult<PermitSavedResponse>, JsonHttpResult<OpsComError>>> Push(
        string client, HttpRequest request, PermitsApiContext context) =>
        RunAsync("push", client, request, context, async (permitRequest, cancellationToken) =>
            Saved(await context.Service.PushAsync(permitRequest, cancellationToken), includeTimes: true));

    private static Task<Results<JsonHttpResult<PermitSavedResponse>, JsonHttpResult<OpsComError>>> Update(
        string client, HttpRequest request, PermitsApiContext context) =>
        RunAsync("update", client, request, context, async (permitRequest, cancellationToken) =>
            Saved(await context.Service.UpdateAsync(permitRequest, cancellationToken), includeTimes: true));

    private static Task<Results<JsonHttpResult<PermitSavedResponse>, JsonHttpResult<OpsComError>>> Delete(
        string client, HttpRequest request, PermitsApiContext context) =>
        RunAsync("delete", client, request, context, async (permitRequest, cancellationToken) =>
            Saved(await context.Service.DeleteAsync(permitRequest, cancellationToken), includeTimes: false));

    private static Task<Results<JsonHttpResult<StatsResponse>, JsonHttpResult<OpsComError>>> Stats(
        string client, HttpRequest request, PermitsApiContext context) =>
        RunAsync<StatsResponse>("stats", client, request, context, async (permitRequest, cancellationToken) =>
        {
            var outcome = await context.Service.StatsAsync(permitRequest, cancellationToken);
            if (outcome.Error is not null)
            {
                return (outcome.Error, null);
            }

            var rows = outcome.Value!
                .Select(entry => new StatsResponseRow(
                    entry.Type, entry.Zone, entry.Total.ToString(CultureInfo.InvariantCulture)))
                .ToList();
            return (null, new StatsResponse(rows));
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

    private static (PermitError? Error, PermitSavedResponse? Response) Saved(Outcome<PermitSaved> outcome, bool includeTimes)
    {
        if (outcome.Error is not null)
        {
            return (outcome.Error, null);
        }

        var saved = outcome.Value!;
        return (null, new PermitSavedResponse(
            "success",
            saved.ReferenceId,
            saved.ReferenceId,
            includeTimes ? PermitChanges.FormatInstant(saved.Start) : null,
            includeTimes ? PermitChanges.FormatInstant(saved.End) : null));
    }

    /// <summary>
    /// Applies the checks that come before the service (client code, then body), runs the endpoint, and turns the
    /// outcome into the OPS-COM response, logging one line for every rejected request.
    /// </summary>
    private static async Task<Results<JsonHttpResult<T>, JsonHttpResult<OpsComError>>> RunAsync<T>(
        string endpoint,
        string client,
        HttpRequest request,
        PermitsApiContext context,
        Func<PermitRequest, CancellationToken, Task<(PermitError? Error, T? Response)>> run)
        where T : class
    {
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
                error = read.Error;
                if (error is null)
                {
                    var (runError, response) = await run(read.Value!, cancellationToken);
                    error = runError;
                    if (error is null)
                    {
                        return context.SuccessResult(response!);
                    }
                }
            }
            catch (StorageUnavailableException exception)
            {
                Log.StorageUnavailable(context.Logger, endpoint, clientForLog, exception);
                error = new PermitError(ErrorCode.ServerError, Status: 503);
            }
        }

        Log.RequestRejected(context.Logger, endpoint, clientForLog, (int)error.Code);
        return context.ErrorResult(error);
    }

    [GeneratedRegex(@"^/*\s*/v1/permits/(?<endpoint>push|update|delete|stats)$", RegexOptions.CultureInvariant)]
    private static partial Regex BlankClientPath();
}
