using System.Text.Json;
using System.Text.Json.Nodes;
using Lotkeeper.Auth;
using Lotkeeper.Domain;
using Lotkeeper.Enforcement;
using Lotkeeper.Errors;
using Lotkeeper.Logging;
using Lotkeeper.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Lotkeeper.Api;

/// <summary>
/// OPS-COM plate validation: <c>POST /api/v1/validate/plate</c> with the client and plate in the body, and the older
/// <c>POST /api/{client}/v1/validate/plate/{plate}</c>. Permission <c>plate-validate</c>; errors in the OPS-COM
/// envelope.
/// </summary>
/// <remarks>
/// The response lists the plate's permits valid now (exact or normalised matches in any zone), then those that stopped
/// counting within the client's recently expired window; then the type, zone, expiry and active flag of the listed
/// permit that expires last; then <c>dntt</c>, an empty list until do-not-ticket entries exist.
/// </remarks>
internal static class PlateValidationApi
{
    private static readonly string[] TokenKeys = ["api_token", "apiToken"];

    public static void MapPlateValidationApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/validate/plate", Validate);
        routes.MapPost("/api/{client}/v1/validate/plate/{plate}", ValidateByPath);
    }

    private static async Task<Results<ContentHttpResult, JsonHttpResult<OpsComError>>> Validate(
        HttpRequest request, PermitsApiContext context, TokenAuthenticator authenticator, EnforcementEngine engine)
    {
        var read = await PermitRequestReader.ReadObjectAsync(request, request.HttpContext.RequestAborted);
        if (read.Error is not null)
        {
            return Reject(context, "(unknown)", read.Error);
        }

        using var parsed = read.Value!;
        var body = parsed.Document.RootElement;
        var client = StringOf(body, "client");
        if (string.IsNullOrWhiteSpace(client))
        {
            return Reject(context, "(blank)", new PermitError(ErrorCode.ClientCodeMissing, Field: "client"));
        }

        var token = StringOf(body, TokenKeys);
        return await RunAsync(request, context, authenticator, engine, client, token, StringOf(body, "plate"));
    }

    private static async Task<Results<ContentHttpResult, JsonHttpResult<OpsComError>>> ValidateByPath(
        string client,
        string plate,
        HttpRequest request,
        PermitsApiContext context,
        TokenAuthenticator authenticator,
        EnforcementEngine engine)
    {
        var read = await PermitRequestReader.ReadObjectAsync(request, request.HttpContext.RequestAborted);
        if (read.Error is not null)
        {
            return Reject(context, ClientForLog(client), read.Error);
        }

        using var parsed = read.Value!;
        var token = StringOf(parsed.Document.RootElement, TokenKeys);
        return await RunAsync(request, context, authenticator, engine, client, token, plate);
    }

    private static async Task<Results<ContentHttpResult, JsonHttpResult<OpsComError>>> RunAsync(
        HttpRequest request,
        PermitsApiContext context,
        TokenAuthenticator authenticator,
        EnforcementEngine engine,
        string client,
        string? token,
        string? plate)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        try
        {
            var (caller, failure) = await authenticator.AuthenticateAsync(
                client, token, Permissions.PlateValidate, cancellationToken);
            if (failure != AuthenticationFailure.None)
            {
                var code = failure == AuthenticationFailure.Missing
                    ? ErrorCode.TokenMissing
                    : ErrorCode.PermissionDenied;
                return Reject(context, ClientForLog(client), new PermitError(code));
            }

            if (string.IsNullOrWhiteSpace(plate))
            {
                return Reject(context, ClientForLog(client), new PermitError(ErrorCode.PlateRequired, Field: "plate"));
            }

            var status = Plate.TryParse(plate, out _);
            if (status != PlateParseStatus.Valid)
            {
                var code = status == PlateParseStatus.TooLong ? ErrorCode.FieldTooLong : ErrorCode.FieldInvalid;
                return Reject(context, ClientForLog(client), new PermitError(
                    code,
                    Field: "plate",
                    Detail: $"A plate is 1 to {Plate.MaxNormalizedLength} letters and digits; spaces, '-' and '.' "
                        + "are allowed between them."));
            }

            var lookup = await engine.LookUpAsync(
                caller!.Client, plate, ZoneSelection.All, null, cancellationToken);
            return TypedResults.Content(BuildAnswer(lookup).ToJsonString(), "application/json; charset=utf-8");
        }
        catch (StorageUnavailableException exception)
        {
            Log.StorageUnavailable(context.Logger, "validate/plate", ClientForLog(client), exception);
            return Reject(context, ClientForLog(client), new PermitError(ErrorCode.ServerError, Status: 503));
        }
    }

    /// <summary>Builds the response. A plate with no listed permit gets an empty summary and an empty object.</summary>
    private static JsonObject BuildAnswer(PlateLookup lookup)
    {
        var listed = lookup.Matches.Where(match => match.IsStrong).ToList();
        if (lookup.RecentlyExpired is not null)
        {
            listed.Add(lookup.RecentlyExpired);
        }

        if (listed.Count == 0)
        {
            return new JsonObject
            {
                ["response"] = "",
                ["plate"] = lookup.Plate,
                ["responseJSON"] = new JsonObject(),
            };
        }

        var permits = new JsonArray();
        foreach (var match in listed)
        {
            permits.Add(Describe(match, lookup.At));
        }

        var last = listed.MaxBy(match => match.Permit.End)!;
        var responseJson = new JsonObject { ["permits"] = permits };
        foreach (var (key, value) in Describe(last, lookup.At).ToList())
        {
            responseJson[key] = value?.DeepClone();
        }

        responseJson["dntt"] = new JsonArray();
        return new JsonObject
        {
            ["response"] = Summary(lookup, last),
            ["plate"] = lookup.Plate,
            ["responseJSON"] = responseJson,
        };
    }

    private static JsonObject Describe(PermitMatch match, DateTimeOffset at) => new()
    {
        // OPS-COM has only two types, so validator permits are reported as temp, as stats do.
        ["type"] = match.Permit.Type == PermitType.Standard ? "standard" : "temp",
        ["shortName"] = match.Permit.ZoneName,
        ["expires"] = TimeZones.FormatLocal(match.Permit.End, match.TimeZone),
        ["active"] = match.Permit.Start <= at && at < match.ValidUntil ? "1" : "0",
    };

    private static string Summary(PlateLookup lookup, PermitMatch last)
    {
        var expires = TimeZones.FormatLocal(last.Permit.End, last.TimeZone);
        return lookup.Valid
            ? $"Valid permit in {last.Permit.ZoneName} until {expires}"
            : $"Permit in {last.Permit.ZoneName} expired {expires}";
    }

    private static Results<ContentHttpResult, JsonHttpResult<OpsComError>> Reject(
        PermitsApiContext context, string clientForLog, PermitError error)
    {
        Log.PlateValidationRejected(context.Logger, clientForLog, (int)error.Code);
        return context.ErrorResult(error);
    }

    private static string ClientForLog(string client) => ClientCodes.IsValid(client) ? client : "(invalid)";

    /// <summary>Returns the first string value under any of <paramref name="keys"/>, matched ignoring case.</summary>
    private static string? StringOf(JsonElement body, params string[] keys)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String
                && keys.Any(key => key.Equals(property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return property.Value.GetString();
            }
        }

        return null;
    }
}
