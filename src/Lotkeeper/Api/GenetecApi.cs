using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Lotkeeper.Auth;
using Lotkeeper.Domain;
using Lotkeeper.Enforcement;
using Lotkeeper.Logging;
using Lotkeeper.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lotkeeper.Api;

/// <summary>
/// The Genetec AutoVu Pay-by-Plate Sync provider protocol under <c>/api/pbp/v2014-06/</c>, so that Security Center
/// can pull permits from Lotkeeper. The token comes in the <c>X-ApiKey</c> header and names the client by itself; it
/// needs <c>enforcement-read</c>. Failures return a bare status code with no body, as the protocol expects.
/// </summary>
internal static class GenetecApi
{
    public static void MapGenetecApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/pbp/v2014-06")
            .AddEndpointFilter(AuthenticateAsync)
            .ExcludeFromDescription();
        api.MapGet("/zones", GetZones);
        api.MapGet("/zones/{zoneId}/permits", GetZonePermits);
        api.MapPost("/isvalid", IsValid);
        api.MapPost("/permits/search", SearchPermits);
    }

    private static async Task<JsonHttpResult<IReadOnlyList<GenetecWire.Zone>>> GetZones(
        HttpContext http, IEnforcementStore store)
    {
        var zones = await store.ListZonesAsync(CallerOf(http).Client.Id, http.RequestAborted);
        IReadOnlyList<GenetecWire.Zone> wire =
            [.. zones.Select(zone => new GenetecWire.Zone(GenetecWire.ZoneIdOf(zone.Id), zone.Name))];
        return TypedResults.Json(wire, GenetecJsonContext.Default.IReadOnlyListZone);
    }

    /// <summary>
    /// Lists the zone's live permits that still count (upcoming ones included) when there is no continuation token.
    /// With one, lists every permit of the zone changed since, so deleted and shortened ones arrive with their new,
    /// past expiry.
    /// </summary>
    private static async Task<Results<JsonHttpResult<GenetecWire.PermitPage>, StatusCodeHttpResult>> GetZonePermits(
        HttpContext http, EnforcementEngine engine, IEnforcementStore store, string zoneId, string? continuationToken)
    {
        var client = CallerOf(http).Client;
        FeedCursor? cursor = null;
        if (!string.IsNullOrEmpty(continuationToken) && (cursor = FeedCursor.Decode(continuationToken)) is null)
        {
            return TypedResults.StatusCode(StatusCodes.Status400BadRequest);
        }

        var zone = await FindZoneAsync(store, client, zoneId, http.RequestAborted);
        if (zone is null)
        {
            return TypedResults.StatusCode(StatusCodes.Status404NotFound);
        }

        var page = await engine.ReadFeedAsync(client, zone, cursor, EnforcementEngine.MaxPageSize, http.RequestAborted);
        var permits = page.Permits.Select(changed => GenetecWire.ToPermit(changed.Permit, client.Grace)).ToList();
        return TypedResults.Json(
            new GenetecWire.PermitPage(page.Next.Encode(), permits), GenetecJsonContext.Default.PermitPage);
    }

    private static async Task<Results<JsonHttpResult<GenetecWire.IsValidResponse>, StatusCodeHttpResult>> IsValid(
        HttpContext http, EnforcementEngine engine, IEnforcementStore store)
    {
        var request = await ReadAsync(http, GenetecJsonContext.Default.IsValidRequest);
        if (request is null || string.IsNullOrWhiteSpace(request.PlateNumber))
        {
            return TypedResults.StatusCode(StatusCodes.Status400BadRequest);
        }

        var client = CallerOf(http).Client;
        var zones = await SelectZonesAsync(store, client, request.ZoneIds, http.RequestAborted);
        var lookup = await engine.LookUpAsync(client, request.PlateNumber, zones, null, http.RequestAborted);
        return TypedResults.Json(
            new GenetecWire.IsValidResponse(lookup.Valid), GenetecJsonContext.Default.IsValidResponse);
    }

    /// <summary>
    /// Lists the permits valid now of each plate (exact or normalised matches), grouped by zone, or returns 404 when
    /// none matched.
    /// </summary>
    private static async Task<Results<JsonHttpResult<GenetecWire.SearchResponse>, StatusCodeHttpResult>>
        SearchPermits(HttpContext http, EnforcementEngine engine, IEnforcementStore store)
    {
        var request = await ReadAsync(http, GenetecJsonContext.Default.SearchRequest);
        if (request?.PlateNumbers is not { Count: > 0 } plates || plates.Count > EnforcementEngine.MaxBatchPlates)
        {
            return TypedResults.StatusCode(StatusCodes.Status400BadRequest);
        }

        var client = CallerOf(http).Client;
        var zones = await SelectZonesAsync(store, client, request.ZoneIds, http.RequestAborted);
        var at = engine.Now;
        var found = new Dictionary<long, List<GenetecWire.Permit>>();
        var seen = new HashSet<long>();
        foreach (var plate in plates.Where(plate => !string.IsNullOrWhiteSpace(plate)))
        {
            var lookup = await engine.LookUpAsync(client, plate, zones, at, http.RequestAborted);
            foreach (var match in lookup.Matches.Where(match => match.IsStrong && seen.Add(match.Permit.Id)))
            {
                if (!found.TryGetValue(match.Permit.ZoneId, out var permits))
                {
                    found[match.Permit.ZoneId] = permits = [];
                }

                permits.Add(GenetecWire.ToPermit(match.Permit, client.Grace));
            }
        }

        if (found.Count == 0)
        {
            return TypedResults.StatusCode(StatusCodes.Status404NotFound);
        }

        var permitZones = found
            .OrderBy(entry => entry.Key)
            .Select(entry => new GenetecWire.PermitZone(GenetecWire.ZoneIdOf(entry.Key), entry.Value))
            .ToList();
        return TypedResults.Json(
            new GenetecWire.SearchResponse(permitZones), GenetecJsonContext.Default.SearchResponse);
    }

    /// <summary>
    /// Requires an <c>X-ApiKey</c> token with <c>enforcement-read</c>. A missing, unknown, revoked or expired key and
    /// a key without the permission all get 401 with no body, so a key cannot be probed for what it may do.
    /// </summary>
    private static async ValueTask<object?> AuthenticateAsync(
        EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>()
            .CreateLogger("Lotkeeper.Api.GenetecApi");
        var endpoint = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "genetec";
        object? result;
        try
        {
            var authenticator = http.RequestServices.GetRequiredService<TokenAuthenticator>();
            var (caller, failure) = await authenticator.AuthenticateAnyClientAsync(
                http.Request.Headers["X-ApiKey"].ToString().Trim(), Permissions.EnforcementRead, http.RequestAborted);
            if (failure != AuthenticationFailure.None)
            {
                result = TypedResults.StatusCode(StatusCodes.Status401Unauthorized);
            }
            else
            {
                http.Items[typeof(Caller)] = caller;
                result = await next(invocation);
            }
        }
        catch (StorageUnavailableException exception)
        {
            Log.EnforcementStorageUnavailable(logger, endpoint, "(genetec)", exception);
            result = TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        if (result is IStatusCodeHttpResult { StatusCode: >= 400 } failed)
        {
            Log.GenetecRequestRejected(logger, endpoint, failed.StatusCode.Value);
        }

        return result;
    }

    private static Caller CallerOf(HttpContext http) =>
        http.Items[typeof(Caller)] as Caller
        ?? throw new InvalidOperationException("The Genetec API ran a handler without an authenticated caller.");

    private static async Task<T?> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return await http.Request.ReadFromJsonAsync(typeInfo, http.RequestAborted);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static Task<ZoneRecord?> FindZoneAsync(
        IEnforcementStore store, ClientRecord client, string zoneId, CancellationToken cancellationToken) =>
        GenetecWire.ParseZoneId(zoneId) is { } id
            ? store.FindZoneByIdAsync(client.Id, id, cancellationToken)
            : Task.FromResult<ZoneRecord?>(null);

    private static async Task<ZoneSelection> SelectZonesAsync(
        IEnforcementStore store,
        ClientRecord client,
        IReadOnlyList<string>? zoneIds,
        CancellationToken cancellationToken)
    {
        if (zoneIds is null || zoneIds.Count == 0)
        {
            return ZoneSelection.All;
        }

        var ids = new HashSet<long>();
        var unknown = new List<string>();
        foreach (var zoneId in zoneIds)
        {
            var zone = await FindZoneAsync(store, client, zoneId, cancellationToken);
            if (zone is null)
            {
                unknown.Add(zoneId);
            }
            else
            {
                ids.Add(zone.Id);
            }
        }

        return new ZoneSelection(ids, unknown);
    }
}
