using Lotkeeper.Auth;
using Lotkeeper.Domain;
using Lotkeeper.Errors;
using Lotkeeper.Storage;
using NodaTime;

namespace Lotkeeper.Permits;

/// <summary>
/// The rules of the permits API after the body is parsed: token, reference id, attribute validation in the
/// documented order, record lookup, then conflicts. The HTTP layer checks the client code and the body first.
/// </summary>
public sealed partial class PermitService(IPermitStore store, TokenAuthenticator authenticator, TimeProvider clock)
{
    /// <summary>Times an update or delete re-reads the permit after losing a race with another writer.</summary>
    private const int MaxWriteAttempts = 5;

    /// <summary>Creates a permit, or returns the existing one when the push repeats a stored permit number.</summary>
    /// <param name="idempotencyKey">The request's <c>Idempotency-Key</c>, or null when it sent none.</param>
    public async Task<Outcome<PermitSaved>> PushAsync(
        PermitRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken)
    {
        var (caller, authError) = await AuthenticateAsync(request, Permissions.PermitCreate, cancellationToken);
        if (authError is not null)
        {
            return authError;
        }

        if (await CheckIdempotencyKeyAsync(caller!, idempotencyKey, cancellationToken) is { } replayed)
        {
            return replayed;
        }

        var client = caller!.Client;
        var plateInput = request[PermitAttribute.Plate];
        if (plateInput.IsAbsent)
        {
            return new PermitError(ErrorCode.PlateRequired, PermitAttributes.FieldOf(PermitAttribute.Plate));
        }

        if (AttributeRules.CheckPlate(plateInput, required: true, out var plate) is { } plateError)
        {
            return plateError;
        }

        var (zone, zoneName, zoneError) = await ResolveZoneAsync(client, request[PermitAttribute.Zone], cancellationToken);
        if (zoneError is not null)
        {
            return zoneError;
        }

        var timeZone = TimeZones.FindOrUtc(zone?.TimeZone ?? client.TimeZone);
        var receivedAt = UnixTime.Truncate(clock.GetUtcNow());
        var startInput = request[PermitAttribute.Start];
        var start = receivedAt;
        if (!startInput.IsAbsent)
        {
            if (AttributeRules.CheckTime(startInput, ErrorCode.StartTimeInvalid, PermitAttribute.Start, out var startValue)
                is { } startError)
            {
                return startError;
            }

            if (!startValue.TryResolveIn(timeZone, startInput.KeyMeansUtc, out start))
            {
                return AttributeRules.TimeOutOfRange(ErrorCode.StartTimeInvalid, PermitAttribute.Start);
            }
        }

        var endInput = request[PermitAttribute.End];
        if (endInput.IsAbsent)
        {
            return new PermitError(ErrorCode.EndTimeRequired, PermitAttributes.FieldOf(PermitAttribute.End));
        }

        if (ResolveEnd(endInput, timeZone, start, out var end) is { } endError)
        {
            return endError;
        }

        var (fields, fieldError) = CheckPaymentAndKind(request, client.Currency);
        if (fieldError is not null)
        {
            return fieldError;
        }

        var permit = new NewPermit(
            Guid.CreateVersion7().ToString("D"),
            client.Id,
            zone?.Id,
            zone?.Name ?? zoneName!,
            zone?.TimeZone,
            ZoneNames.KeyOf(zoneName!),
            plate!,
            start,
            end,
            fields.AmountCents,
            fields.Currency,
            fields.PermitNumber,
            fields.Type,
            receivedAt,
            caller.Token.Id);
        var entry = EntryFor(
            caller,
            idempotencyKey,
            new PermitSaved(permit.ReferenceId, UnixTime.Truncate(start), UnixTime.Truncate(end), Created: true));
        CreatePermitResult result;
        try
        {
            result = await store.CreatePermitAsync(permit, entry, cancellationToken);
        }
        catch (IdempotencyKeyTakenException)
        {
            return await ReplayAfterRaceAsync(client.Id, idempotencyKey!, cancellationToken);
        }

        if (result.Created)
        {
            return new PermitSaved(result.Permit.ReferenceId, result.Permit.Start, result.Permit.End, Created: true)
            {
                ResponseBody = entry?.ResponseBody,
            };
        }

        return IsRetryOf(result.Permit, permit, startInput.IsAbsent)
            ? await AcknowledgeAsync(
                caller,
                idempotencyKey,
                new PermitSaved(result.Permit.ReferenceId, result.Permit.Start, result.Permit.End, Created: false),
                cancellationToken)
            : new PermitError(
                ErrorCode.RecordExists,
                PermitAttributes.FieldOf(PermitAttribute.PermitNumber),
                "A live permit in this zone already has this permit number with other details.");
    }

    /// <summary>Changes the plate, end, amount and currency of a live permit; other attributes are ignored.</summary>
    /// <param name="idempotencyKey">The request's <c>Idempotency-Key</c>, or null when it sent none.</param>
    public async Task<Outcome<PermitSaved>> UpdateAsync(
        PermitRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken)
    {
        var (caller, referenceId, early) = await AuthenticateWithReferenceAsync(
            request, Permissions.PermitUpdate, idempotencyKey, cancellationToken);
        if (early is { } earlyOutcome)
        {
            return earlyOutcome;
        }

        Plate? plate = null;
        var plateInput = request[PermitAttribute.Plate];
        if (!plateInput.IsAbsent && AttributeRules.CheckPlate(plateInput, required: false, out plate) is { } plateError)
        {
            return plateError;
        }

        var endInput = request[PermitAttribute.End];
        TimeValue? endValue = null;
        if (!endInput.IsAbsent)
        {
            if (AttributeRules.CheckTime(endInput, ErrorCode.EndTimeInvalid, PermitAttribute.End, out var parsedEnd)
                is { } endError)
            {
                return endError;
            }

            endValue = parsedEnd;
        }

        long? amountCents = null;
        var amountInput = request[PermitAttribute.Amount];
        if (!amountInput.IsAbsent && AttributeRules.CheckAmount(amountInput, out amountCents) is { } amountError)
        {
            return amountError;
        }

        string? currency = null;
        var currencyInput = request[PermitAttribute.Currency];
        if (!currencyInput.IsAbsent && AttributeRules.CheckCurrency(currencyInput, out currency) is { } currencyError)
        {
            return currencyError;
        }

        var client = caller!.Client;
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var stored = await store.FindLivePermitAsync(client.Id, referenceId!, cancellationToken);
            if (stored is null)
            {
                return new PermitError(ErrorCode.RecordNotFound);
            }

            var end = stored.End;
            if (endValue is { } value)
            {
                // Checks that need the stored permit run after the lookup, in the permit's own time zone.
                var timeZone = TimeZones.FindOrUtc(stored.ZoneTimeZone ?? client.TimeZone);
                if (!value.TryResolveIn(timeZone, endInput.KeyMeansUtc, out end))
                {
                    return AttributeRules.TimeOutOfRange(ErrorCode.EndTimeInvalid, PermitAttribute.End);
                }

                if (end <= stored.Start)
                {
                    return EndNotAfterStart();
                }
            }

            var now = UnixTime.Truncate(clock.GetUtcNow());
            var updated = stored with
            {
                PlateRaw = plate?.Raw ?? stored.PlateRaw,
                PlateNormalized = plate?.Normalized ?? stored.PlateNormalized,
                End = end,
                AmountCents = amountInput.IsAbsent ? stored.AmountCents : amountCents,
                Currency = currency ?? stored.Currency,
                UpdatedAt = now,
            };
            var changes = PermitChanges.Between(stored, updated);
            if (changes.Count == 0)
            {
                return await AcknowledgeAsync(
                    caller,
                    idempotencyKey,
                    new PermitSaved(stored.ReferenceId, stored.Start, stored.End, Created: false),
                    cancellationToken);
            }

            var updateEvent = new PermitEvent(0, stored.Id, PermitEventKind.Updated, caller.Token.Id, now, changes);
            var saved = new PermitSaved(stored.ReferenceId, updated.Start, updated.End, Created: false);
            var entry = EntryFor(caller, idempotencyKey, saved);
            try
            {
                if (await store.UpdatePermitAsync(updated, stored.Version, updateEvent, entry, cancellationToken))
                {
                    return saved with { ResponseBody = entry?.ResponseBody };
                }
            }
            catch (IdempotencyKeyTakenException)
            {
                return await ReplayAfterRaceAsync(client.Id, idempotencyKey!, cancellationToken);
            }
        }

        throw new StorageUnavailableException(
            $"Permit {referenceId} kept changing under the update; gave up after {MaxWriteAttempts} attempts.");
    }

    /// <summary>Deletes a live permit logically; it keeps its row and history and leaves stats and lookups.</summary>
    /// <param name="idempotencyKey">The request's <c>Idempotency-Key</c>, or null when it sent none.</param>
    public async Task<Outcome<PermitSaved>> DeleteAsync(
        PermitRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken)
    {
        var (caller, referenceId, early) = await AuthenticateWithReferenceAsync(
            request, Permissions.PermitDelete, idempotencyKey, cancellationToken);
        if (early is { } earlyOutcome)
        {
            return earlyOutcome;
        }

        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var stored = await store.FindLivePermitAsync(caller!.Client.Id, referenceId!, cancellationToken);
            if (stored is null)
            {
                return new PermitError(ErrorCode.RecordNotFound);
            }

            var now = UnixTime.Truncate(clock.GetUtcNow());
            var deleteEvent = new PermitEvent(0, stored.Id, PermitEventKind.Deleted, caller.Token.Id, now, []);
            var saved = new PermitSaved(stored.ReferenceId, stored.Start, stored.End, Created: false);
            var entry = EntryFor(caller, idempotencyKey, saved);
            try
            {
                if (await store.DeletePermitAsync(stored.Id, stored.Version, deleteEvent, entry, cancellationToken))
                {
                    return saved with { ResponseBody = entry?.ResponseBody };
                }
            }
            catch (IdempotencyKeyTakenException)
            {
                return await ReplayAfterRaceAsync(caller.Client.Id, idempotencyKey!, cancellationToken);
            }
        }

        throw new StorageUnavailableException(
            $"Permit {referenceId} kept changing under the delete; gave up after {MaxWriteAttempts} attempts.");
    }

    /// <summary>
    /// Counts live permits active now per zone and type (validator counted as temp), ordered by zone name then
    /// type, optionally limited to a comma-separated list of zone names.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<StatsEntry>>> StatsAsync(
        PermitRequest request, CancellationToken cancellationToken)
    {
        var (caller, authError) = await AuthenticateAsync(request, Permissions.PermitStats, cancellationToken);
        if (authError is not null)
        {
            return authError;
        }

        var zonesInput = request[PermitAttribute.Zones];
        IReadOnlyCollection<string>? zoneKeys = null;
        if (!zonesInput.IsAbsent)
        {
            if (zonesInput.Kind != InputKind.Text)
            {
                return AttributeRules.Invalid(
                    PermitAttribute.Zones, "Send zone names as one comma-separated string, such as \"Lot 1,Lot 2\".");
            }

            var names = zonesInput.Text!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (names.Length > 0)
            {
                // A name that could not be a zone's matches none, so it is left out rather than sent to the
                // database, which for PostgreSQL fails on a NUL character.
                zoneKeys = [.. names
                    .Where(IsPossibleZoneName)
                    .Select(ZoneNames.KeyOf)
                    .Distinct(StringComparer.Ordinal)];
                if (zoneKeys.Count == 0)
                {
                    return new Outcome<IReadOnlyList<StatsEntry>>([], null);
                }
            }
        }

        var rows = await store.CountActivePermitsAsync(
            caller!.Client.Id, clock.GetUtcNow(), zoneKeys, cancellationToken);
        IReadOnlyList<StatsEntry> entries = [.. rows
            .GroupBy(row => (row.Zone, row.ZoneKey, Type: ReportedType(row.Type)))
            .Select(group => new StatsEntry(group.Key.Zone, group.Key.Type, group.Sum(row => row.Total)))
            .Where(entry => entry.Total > 0)
            .OrderBy(entry => entry.Zone, StringComparer.OrdinalIgnoreCase)
            .ThenBy(entry => entry.Zone, StringComparer.Ordinal)
            .ThenBy(entry => entry.Type, StringComparer.Ordinal)];
        return new Outcome<IReadOnlyList<StatsEntry>>(entries, null);
    }

    private static bool IsPossibleZoneName(string name)
    {
        var cleaned = ZoneNames.Clean(name);
        return cleaned.Length <= ZoneNames.MaxLength && Text.IsPrintable(cleaned);
    }

    private static string ReportedType(string storedType) =>
        PermitTypes.TryParse(storedType, out var type) ? PermitTypes.ReportedNameOf(type) : "temp";

    private static PermitError EndNotAfterStart() => new(
        ErrorCode.EndTimeInvalid,
        PermitAttributes.FieldOf(PermitAttribute.End),
        "The end time must be later than the start time.");

    private static PermitError? ResolveEnd(
        InputValue endInput, DateTimeZone timeZone, DateTimeOffset start, out DateTimeOffset end)
    {
        end = default;
        if (AttributeRules.CheckTime(endInput, ErrorCode.EndTimeInvalid, PermitAttribute.End, out var endValue)
            is { } endError)
        {
            return endError;
        }

        if (!endValue.TryResolveIn(timeZone, endInput.KeyMeansUtc, out end))
        {
            return AttributeRules.TimeOutOfRange(ErrorCode.EndTimeInvalid, PermitAttribute.End);
        }

        return end <= start ? EndNotAfterStart() : null;
    }

    private static bool IsRetryOf(PermitRecord stored, NewPermit push, bool startOmitted) =>
        string.Equals(stored.PlateNormalized, push.Plate.Normalized, StringComparison.Ordinal)
        && stored.End == push.End
        && stored.AmountCents == push.AmountCents
        && string.Equals(stored.Currency, push.Currency, StringComparison.Ordinal)
        && stored.Type == push.Type
        && (startOmitted || stored.Start == push.Start);
}
