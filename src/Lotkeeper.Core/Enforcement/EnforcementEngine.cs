using Lotkeeper.Domain;
using Lotkeeper.Storage;

namespace Lotkeeper.Enforcement;

/// <summary>
/// The one lookup behind every enforcement API: which live permits of a client cover a plate at an instant, and the
/// zone feeds that plate readers sync from.
/// </summary>
/// <remarks>
/// A permit is valid at instant t when start ≤ t &lt; end + grace, with the client's grace. It counts as recently
/// expired when end + grace ≤ t &lt; end + grace + window, with the client's recently expired window. The window
/// thus opens when the permit stops counting as valid. Plates match in three tiers (<see cref="MatchKind"/>) that all
/// share one OCR-folded key, so a lookup is one index range scan. Nothing is cached, so a lookup reads every write that
/// committed before it started.
/// </remarks>
public sealed class EnforcementEngine(IEnforcementStore store, TimeProvider clock)
{
    /// <summary>Maximum number of plates in one batch lookup.</summary>
    public const int MaxBatchPlates = 1000;

    /// <summary>Permits per feed page when the caller sets no limit.</summary>
    public const int DefaultPageSize = 500;

    /// <summary>Maximum permits per feed page.</summary>
    public const int MaxPageSize = 1000;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// Resolves zone names (matched like zone names everywhere: trimmed, inner white space collapsed, any case).
    /// Null or no names select every zone.
    /// </summary>
    public async Task<ZoneSelection> SelectZonesAsync(
        ClientRecord client, IReadOnlyCollection<string>? names, CancellationToken cancellationToken)
    {
        if (names is null || names.Count == 0)
        {
            return ZoneSelection.All;
        }

        var ids = new HashSet<long>();
        var unknown = new List<string>();
        foreach (var name in names)
        {
            var zone = await store.FindZoneAsync(client.Id, ZoneNames.KeyOf(name), cancellationToken);
            if (zone is null)
            {
                unknown.Add(name);
            }
            else
            {
                ids.Add(zone.Id);
            }
        }

        return new ZoneSelection(ids, unknown);
    }

    /// <summary>Looks up <paramref name="plate"/> in the selected zones at <paramref name="at"/>, or now.</summary>
    public async Task<PlateLookup> LookUpAsync(
        ClientRecord client,
        string plate,
        ZoneSelection zones,
        DateTimeOffset? at,
        CancellationToken cancellationToken)
    {
        var instant = at ?? clock.GetUtcNow();
        var status = Plate.TryParse(plate, out var parsed);
        if (status != PlateParseStatus.Valid)
        {
            var invalid = LookupExplanations.InvalidPlate(status);
            return new PlateLookup(plate, null, instant, false, [], null, LookupRule.InvalidPlate, invalid);
        }

        if (zones.IsEmpty)
        {
            return new PlateLookup(
                plate,
                parsed!.Normalized,
                instant,
                false,
                [],
                null,
                LookupRule.NoKnownZone,
                LookupExplanations.NoKnownZone(zones.UnknownNames));
        }

        // Permits that ended before this bound can be neither valid nor recently expired at the instant.
        var endAfter = instant - client.Grace - client.RecentlyExpiredWindow;
        var stored = await store.FindLivePermitsByFoldedPlateAsync(
            client.Id, PlateKeys.Fold(parsed!.Normalized), endAfter, cancellationToken);
        var candidates = stored
            .Where(permit => zones.Contains(permit.ZoneId))
            .Select(permit => new PermitMatch(
                permit,
                KindOf(permit, plate, parsed.Normalized),
                TimeZones.FindOrUtc(permit.ZoneTimeZone ?? client.TimeZone),
                permit.End + client.Grace))
            .ToList();

        var matches = candidates
            .Where(match => match.Permit.Start <= instant && instant < match.ValidUntil)
            .OrderBy(match => match.Kind)
            .ThenByDescending(match => match.Permit.End)
            .ThenBy(match => match.Permit.ReferenceId, StringComparer.Ordinal)
            .ToList();
        var recentlyExpired = candidates
            .Where(match => match.IsStrong
                && match.ValidUntil <= instant
                && instant < match.ValidUntil + client.RecentlyExpiredWindow)
            .MaxBy(match => match.Permit.End);
        var valid = matches.Count > 0 && matches[0].IsStrong;

        var (rule, explanation) = Decide(client, instant, zones, candidates, matches, recentlyExpired);
        return new PlateLookup(plate, parsed.Normalized, instant, valid, matches, recentlyExpired, rule, explanation);
    }

    /// <summary>
    /// Reads one page of a zone's feed. Without a cursor the feed starts by listing the zone's live permits that
    /// have not stopped counting as valid (upcoming ones included, so a plate reader knows them before they start).
    /// </summary>
    /// <param name="limit">Permits per page, 1 to <see cref="MaxPageSize"/>.</param>
    public async Task<FeedPage> ReadFeedAsync(
        ClientRecord client, ZoneRecord zone, FeedCursor? cursor, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);

        if (cursor is null || cursor.AfterId is not null)
        {
            // The sequence is read before the listing, so a change racing with the listing is sent again later
            // rather than lost.
            var sequence = cursor?.Sequence ?? await store.ReadChangeSequenceAsync(client.Id, cancellationToken);
            var listed = await store.ListUnexpiredPermitsAsync(
                zone.Id, clock.GetUtcNow() - client.Grace, cursor?.AfterId ?? 0, limit + 1, cancellationToken);
            if (listed.Count > limit)
            {
                var page = listed.Take(limit).ToList();
                return new FeedPage(page, new FeedCursor(sequence, page[^1].Permit.Id));
            }

            return new FeedPage(listed, new FeedCursor(sequence, null));
        }

        // Changes are numbered in commit order, and every change up to the committed counter read here is visible
        // to the query that follows, so the next page may start after the larger of the two.
        var committed = await store.ReadChangeSequenceAsync(client.Id, cancellationToken);
        var changed = await store.ListChangedPermitsAsync(zone.Id, cursor.Sequence, limit + 1, cancellationToken);
        if (changed.Count > limit)
        {
            var page = changed.Take(limit).ToList();
            return new FeedPage(page, new FeedCursor(page[^1].Sequence, null));
        }

        var last = changed.Count > 0 ? changed[^1].Sequence : 0;
        return new FeedPage(changed, new FeedCursor(Math.Max(cursor.Sequence, Math.Max(committed, last)), null));
    }

    private static MatchKind KindOf(PermitRecord permit, string plate, string normalized)
    {
        if (string.Equals(permit.PlateRaw, plate, StringComparison.Ordinal))
        {
            return MatchKind.Exact;
        }

        return string.Equals(permit.PlateNormalized, normalized, StringComparison.Ordinal)
            ? MatchKind.Normalized
            : MatchKind.OcrEquivalent;
    }

    private static (LookupRule Rule, string Explanation) Decide(
        ClientRecord client,
        DateTimeOffset instant,
        ZoneSelection zones,
        IReadOnlyList<PermitMatch> candidates,
        IReadOnlyList<PermitMatch> matches,
        PermitMatch? recentlyExpired)
    {
        if (matches.Count > 0 && matches[0].IsStrong)
        {
            var best = matches[0];
            return best.Permit.End <= instant
                ? (LookupRule.ValidInGrace, LookupExplanations.ValidInGrace(best, client.Grace))
                : (LookupRule.Valid, LookupExplanations.Valid(best));
        }

        if (recentlyExpired is not null)
        {
            return (LookupRule.RecentlyExpired, LookupExplanations.RecentlyExpired(recentlyExpired, instant));
        }

        var upcoming = candidates
            .Where(match => match.IsStrong && match.Permit.Start > instant)
            .MinBy(match => match.Permit.Start);
        if (upcoming is not null)
        {
            return (LookupRule.NotYetStarted, LookupExplanations.NotYetStarted(upcoming));
        }

        return matches.Count > 0
            ? (LookupRule.OcrEquivalentOnly, LookupExplanations.OcrEquivalentOnly(matches.Count))
            : (LookupRule.NoPermit, LookupExplanations.NoPermit(zones));
    }
}
