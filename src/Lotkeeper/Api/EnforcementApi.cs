using System.Text.Json;
using Lotkeeper.Auth;
using Lotkeeper.Domain;
using Lotkeeper.Enforcement;
using Lotkeeper.Logging;
using Lotkeeper.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Lotkeeper.Api;

/// <summary>
/// Lotkeeper's own enforcement API under <c>/v1/{client}/</c>: plate validity, zones, zone permit feeds and permit
/// history. A bearer token with <c>enforcement-read</c> is required; errors are RFC 9457 problem details.
/// </summary>
internal static class EnforcementApi
{
    public static void MapEnforcementApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/v1/{client}")
            .AddEndpointFilter(AuthenticateAsync)
            .WithTags("Enforcement")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/validity", GetValidity)
            .Produces<EnforcementWire.Validity>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapPost("/validity/batch", PostValidityBatch)
            .Accepts<EnforcementWire.BatchRequest>("application/json")
            .Produces<EnforcementWire.BatchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/zones", GetZones)
            .Produces<EnforcementWire.ZoneList>();
        api.MapGet("/zones/{zone}/permits", GetZonePermits)
            .Produces<EnforcementWire.PermitPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/permits/{referenceId}", GetPermit)
            .Produces<EnforcementWire.Permit>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/permits/{referenceId}/history", GetPermitHistory)
            .Produces<EnforcementWire.History>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Checks whether a plate may park in the given zones (all zones when none) at an instant.</summary>
    private static async Task<Results<JsonHttpResult<EnforcementWire.Validity>, ProblemHttpResult>> GetValidity(
        HttpContext http,
        EnforcementEngine engine,
        [FromQuery] string? plate,
        [FromQuery] string[]? zone,
        [FromQuery] string? at)
    {
        var client = CallerOf(http).Client;
        if (string.IsNullOrEmpty(plate))
        {
            return BadRequest("The plate query parameter is missing. Send it as ?plate=ABC1234.");
        }

        var instant = ParseAt(at, out var atProblem);
        if (atProblem is not null)
        {
            return atProblem;
        }

        var zones = await engine.SelectZonesAsync(client, zone, http.RequestAborted);
        var lookup = await engine.LookUpAsync(client, plate, zones, instant, http.RequestAborted);
        if (lookup.Rule == LookupRule.InvalidPlate)
        {
            return BadRequest($"The plate is invalid. {lookup.Explanation}");
        }

        return TypedResults.Json(ToWire(lookup, client), EnforcementJsonContext.Default.Validity);
    }

    /// <summary>Looks up to 1000 plates at once, in the same zones and at the same instant.</summary>
    private static async Task<Results<JsonHttpResult<EnforcementWire.BatchResponse>, ProblemHttpResult>>
        PostValidityBatch(HttpContext http, EnforcementEngine engine)
    {
        var client = CallerOf(http).Client;
        EnforcementWire.BatchRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync(
                EnforcementJsonContext.Default.BatchRequest, http.RequestAborted);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return BadRequest(
                "The body must be a JSON object such as {\"plates\":[\"ABC1234\"],\"zones\":[\"Lot 4\"]}, "
                + "sent with Content-Type: application/json.");
        }

        if (request?.Plates is not { Count: > 0 } plates || plates.Any(string.IsNullOrEmpty))
        {
            return BadRequest("The plates array is missing, empty or contains an empty plate.");
        }

        if (plates.Count > EnforcementEngine.MaxBatchPlates)
        {
            return BadRequest(
                $"The batch has {plates.Count} plates; send at most {EnforcementEngine.MaxBatchPlates} per request.");
        }

        var instant = ParseAt(request.At, out var atProblem) ?? engine.Now;
        if (atProblem is not null)
        {
            return atProblem;
        }

        var zones = await engine.SelectZonesAsync(client, request.Zones, http.RequestAborted);
        var results = new List<EnforcementWire.Validity>(plates.Count);
        foreach (var plate in plates)
        {
            var lookup = await engine.LookUpAsync(client, plate, zones, instant, http.RequestAborted);
            results.Add(ToWire(lookup, client));
        }

        return TypedResults.Json(
            new EnforcementWire.BatchResponse(WireTimes.Utc(instant), results),
            EnforcementJsonContext.Default.BatchResponse);
    }

    /// <summary>Lists the client's zones.</summary>
    private static async Task<JsonHttpResult<EnforcementWire.ZoneList>> GetZones(
        HttpContext http, IEnforcementStore store)
    {
        var client = CallerOf(http).Client;
        var zones = await store.ListZonesAsync(client.Id, http.RequestAborted);
        var wire = zones
            .Select(zone => new EnforcementWire.Zone(zone.Name, TimeZoneOf(zone.TimeZone, client).Id))
            .ToList();
        return TypedResults.Json(new EnforcementWire.ZoneList(wire), EnforcementJsonContext.Default.ZoneList);
    }

    /// <summary>
    /// Without <c>since</c>, lists the zone's live permits that have not ended (upcoming ones included); with it,
    /// every permit created, changed or deleted since that token, deleted ones as tombstones.
    /// </summary>
    private static async Task<Results<JsonHttpResult<EnforcementWire.PermitPage>, ProblemHttpResult>>
        GetZonePermits(
            HttpContext http,
            EnforcementEngine engine,
            IEnforcementStore store,
            string zone,
            [FromQuery] string? since,
            [FromQuery] string? limit)
    {
        var client = CallerOf(http).Client;
        var pageSize = EnforcementEngine.DefaultPageSize;
        if (limit is not null
            && (!int.TryParse(limit, System.Globalization.CultureInfo.InvariantCulture, out pageSize)
                || pageSize is < 1 or > EnforcementEngine.MaxPageSize))
        {
            return BadRequest($"The limit must be a whole number from 1 to {EnforcementEngine.MaxPageSize}.");
        }

        FeedCursor? cursor = null;
        if (since is not null && (cursor = FeedCursor.Decode(since)) is null)
        {
            return BadRequest("The since token is not one this server issued. Start again without since.");
        }

        var found = await store.FindZoneAsync(client.Id, ZoneNames.KeyOf(zone), http.RequestAborted);
        if (found is null)
        {
            return TypedResults.Problem(
                detail: $"The client has no zone named '{zone}'. GET zones lists them.",
                statusCode: StatusCodes.Status404NotFound,
                title: "Zone not found");
        }

        var page = await engine.ReadFeedAsync(client, found, cursor, pageSize, http.RequestAborted);
        var permits = page.Permits.Select(changed => ToWire(changed.Permit, client)).ToList();
        return TypedResults.Json(
            new EnforcementWire.PermitPage(found.Name, permits, page.Next.Encode()),
            EnforcementJsonContext.Default.PermitPage);
    }

    /// <summary>Returns one permit of the client, live or deleted.</summary>
    private static async Task<Results<JsonHttpResult<EnforcementWire.Permit>, ProblemHttpResult>> GetPermit(
        HttpContext http, IEnforcementStore store, string referenceId)
    {
        var client = CallerOf(http).Client;
        var permit = await FindPermitAsync(store, client, referenceId, http.RequestAborted);
        return permit is null
            ? PermitNotFound(referenceId)
            : TypedResults.Json(ToWire(permit, client), EnforcementJsonContext.Default.Permit);
    }

    /// <summary>Returns a permit's events, oldest first.</summary>
    private static async Task<Results<JsonHttpResult<EnforcementWire.History>, ProblemHttpResult>>
        GetPermitHistory(HttpContext http, IEnforcementStore store, string referenceId)
    {
        var client = CallerOf(http).Client;
        var permit = await FindPermitAsync(store, client, referenceId, http.RequestAborted);
        if (permit is null)
        {
            return PermitNotFound(referenceId);
        }

        var timeZone = TimeZoneOf(permit.ZoneTimeZone, client);
        var events = await store.ListEventsAsync(permit.Id, http.RequestAborted);
        var wire = events
            .Select(permitEvent => new EnforcementWire.Event(
                permitEvent.Kind.ToString().ToLowerInvariant(),
                WireTimes.Utc(permitEvent.At),
                WireTimes.Local(permitEvent.At, timeZone),
                permitEvent.TokenId,
                [.. permitEvent.Changes.Select(ToWire)]))
            .ToList();
        return TypedResults.Json(
            new EnforcementWire.History(permit.ReferenceId, wire), EnforcementJsonContext.Default.History);
    }

    /// <summary>
    /// Requires a bearer token of the path's client with <c>enforcement-read</c> before any handler runs: 401 for a
    /// missing or unknown token, 403 for one without the permission. Logs one line for every rejected request.
    /// </summary>
    private static async ValueTask<object?> AuthenticateAsync(
        EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var clientCode = http.Request.RouteValues["client"] as string ?? "";
        var endpoint = EndpointNameOf(http);
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>()
            .CreateLogger("Lotkeeper.Api.EnforcementApi");
        var clientForLog = ClientCodes.IsValid(clientCode) ? clientCode : "(invalid)";
        object? result;
        try
        {
            var authenticator = http.RequestServices.GetRequiredService<TokenAuthenticator>();
            var (caller, failure) = await authenticator.AuthenticateAsync(
                clientCode, BearerTokenOf(http.Request), Permissions.EnforcementRead, http.RequestAborted);
            if (failure is AuthenticationFailure.Missing or AuthenticationFailure.Rejected)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                result = TypedResults.Problem(
                    detail: failure == AuthenticationFailure.Missing
                        ? "Send the API token as 'Authorization: Bearer <token>'."
                        : "The API token is unknown, revoked, expired or belongs to another client.",
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Authentication required");
            }
            else if (failure == AuthenticationFailure.NotPermitted)
            {
                result = TypedResults.Problem(
                    detail: "The API token lacks the enforcement-read permission.",
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Permission missing");
            }
            else
            {
                http.Items[typeof(Caller)] = caller;
                result = await next(invocation);
            }
        }
        catch (StorageUnavailableException exception)
        {
            Log.EnforcementStorageUnavailable(logger, endpoint, clientForLog, exception);
            result = TypedResults.Problem(
                detail: "The database is not answering. Retry shortly.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Service unavailable");
        }

        if (result is IStatusCodeHttpResult { StatusCode: >= 400 } failed)
        {
            Log.EnforcementRequestRejected(logger, endpoint, clientForLog, failed.StatusCode.Value);
        }

        return result;
    }

    private static Caller CallerOf(HttpContext http) =>
        http.Items[typeof(Caller)] as Caller
        ?? throw new InvalidOperationException("The enforcement API ran a handler without an authenticated caller.");

    private static string? BearerTokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }

    private static string EndpointNameOf(HttpContext http) =>
        (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "enforcement";

    private static DateTimeOffset? ParseAt(string? at, out ProblemHttpResult? problem)
    {
        problem = null;
        if (at is null)
        {
            return null;
        }

        var instant = WireTimes.ParseInstant(at);
        if (instant is null)
        {
            problem = BadRequest(
                $"The at value '{at}' is not an ISO 8601 instant with an offset, such as 2026-06-15T13:30:00Z.");
        }

        return instant;
    }

    private static async Task<PermitRecord?> FindPermitAsync(
        IEnforcementStore store, ClientRecord client, string referenceId, CancellationToken cancellationToken) =>
        ReferenceIds.IsWellFormed(referenceId)
            ? await store.FindClientPermitAsync(client.Id, referenceId.ToLowerInvariant(), cancellationToken)
            : null;

    private static EnforcementWire.Validity ToWire(PlateLookup lookup, ClientRecord client) => new(
        lookup.Valid,
        lookup.Plate,
        lookup.NormalizedPlate,
        WireTimes.Utc(lookup.At),
        WireTimes.Local(lookup.At, TimeZoneOf(null, client)),
        [.. lookup.Matches.Select(ToWire)],
        lookup.RecentlyExpired is null ? null : ToWire(lookup.RecentlyExpired),
        lookup.Explanation);

    private static EnforcementWire.MatchedPermit ToWire(PermitMatch match) => new(
        match.Permit.ReferenceId,
        match.Permit.PlateRaw,
        match.Permit.ZoneName,
        PermitTypes.NameOf(match.Permit.Type),
        WireTimes.Utc(match.Permit.Start),
        WireTimes.Utc(match.Permit.End),
        WireTimes.Local(match.Permit.Start, match.TimeZone),
        WireTimes.Local(match.Permit.End, match.TimeZone),
        match.TimeZone.Id,
        MatchNameOf(match.Kind));

    private static EnforcementWire.Permit ToWire(PermitRecord permit, ClientRecord client)
    {
        var timeZone = TimeZoneOf(permit.ZoneTimeZone, client);
        return new EnforcementWire.Permit(
            permit.ReferenceId,
            permit.PlateRaw,
            permit.PlateNormalized,
            permit.ZoneName,
            PermitTypes.NameOf(permit.Type),
            WireTimes.Utc(permit.Start),
            WireTimes.Utc(permit.End),
            WireTimes.Local(permit.Start, timeZone),
            WireTimes.Local(permit.End, timeZone),
            timeZone.Id,
            permit.PermitNumber,
            permit.AmountCents is { } cents ? Money.Format(cents) : null,
            permit.Currency,
            permit.DeletedAt is not null,
            permit.DeletedAt is { } deletedAt ? WireTimes.Utc(deletedAt) : null,
            WireTimes.Utc(permit.CreatedAt),
            WireTimes.Utc(permit.UpdatedAt));
    }

    private static EnforcementWire.Change ToWire(FieldChange change) => new(change.Field, change.Old, change.New);

    private static string MatchNameOf(MatchKind kind) => kind switch
    {
        MatchKind.Exact => "exact",
        MatchKind.Normalized => "normalized",
        _ => "ocr-equivalent",
    };

    private static DateTimeZone TimeZoneOf(string? zoneTimeZone, ClientRecord client) =>
        TimeZones.FindOrUtc(zoneTimeZone ?? client.TimeZone);

    private static ProblemHttpResult PermitNotFound(string referenceId) => TypedResults.Problem(
        detail: $"The client has no permit with the reference id '{referenceId}'.",
        statusCode: StatusCodes.Status404NotFound,
        title: "Permit not found");

    private static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(
        detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
}
