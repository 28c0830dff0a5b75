using Lotkeeper.Auth;
using Lotkeeper.Errors;
using Lotkeeper.Storage;

namespace Lotkeeper.Permits;

public sealed partial class PermitService
{
    /// <inheritdoc cref="PushAsync(PermitRequest, IdempotencyKey?, CancellationToken)"/>
    public Task<Outcome<PermitSaved>> PushAsync(PermitRequest request, CancellationToken cancellationToken) =>
        PushAsync(request, null, cancellationToken);

    /// <inheritdoc cref="UpdateAsync(PermitRequest, IdempotencyKey?, CancellationToken)"/>
    public Task<Outcome<PermitSaved>> UpdateAsync(PermitRequest request, CancellationToken cancellationToken) =>
        UpdateAsync(request, null, cancellationToken);

    /// <inheritdoc cref="DeleteAsync(PermitRequest, IdempotencyKey?, CancellationToken)"/>
    public Task<Outcome<PermitSaved>> DeleteAsync(PermitRequest request, CancellationToken cancellationToken) =>
        DeleteAsync(request, null, cancellationToken);

    /// <summary>
    /// Checks the idempotency key right after the token. Returns null when the request should run, the stored
    /// response when the key was used with the same body, or 9022 when it was used with another body.
    /// </summary>
    private async Task<Outcome<PermitSaved>?> CheckIdempotencyKeyAsync(
        Caller caller, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return null;
        }

        if (!IdempotencyKeys.IsValid(key.Key))
        {
            return new PermitError(
                ErrorCode.FieldInvalid,
                IdempotencyKeys.HeaderName,
                $"Send 1 to {IdempotencyKeys.MaxLength} printable ASCII characters.");
        }

        var entry = await store.FindIdempotencyEntryAsync(
            caller.Client.Id, key.Key, clock.GetUtcNow(), cancellationToken);
        if (entry is null)
        {
            return null;
        }

        return Replay(entry, key);
    }

    /// <summary>Builds the entry that stores a success under the request's key, or null without a key.</summary>
    private IdempotencyEntry? EntryFor(Caller caller, IdempotencyKey? key, PermitSaved saved)
    {
        if (key is null)
        {
            return null;
        }

        var now = UnixTime.Truncate(clock.GetUtcNow());
        return new IdempotencyEntry(
            caller.Client.Id,
            key.Key,
            key.RequestHash,
            saved.ReferenceId,
            ResponseStatus: 200,
            key.RenderResponse(saved),
            now,
            now + IdempotencyKeys.Lifetime);
    }

    /// <summary>Stores the key of a success that wrote nothing, such as a repeated push or an empty update.</summary>
    private async Task<Outcome<PermitSaved>> AcknowledgeAsync(
        Caller caller, IdempotencyKey? key, PermitSaved saved, CancellationToken cancellationToken)
    {
        var entry = EntryFor(caller, key, saved);
        if (entry is null)
        {
            return saved;
        }

        return await store.AddIdempotencyEntryAsync(entry, cancellationToken)
            ? saved with { ResponseBody = entry.ResponseBody }
            : await ReplayAfterRaceAsync(caller.Client.Id, key!, cancellationToken);
    }

    /// <summary>Answers a request whose write lost the race for its key to a concurrent request.</summary>
    private async Task<Outcome<PermitSaved>> ReplayAfterRaceAsync(
        long clientId, IdempotencyKey key, CancellationToken cancellationToken)
    {
        var entry = await store.FindIdempotencyEntryAsync(clientId, key.Key, clock.GetUtcNow(), cancellationToken)
            ?? throw new StorageUnavailableException(
                "A concurrent request took the idempotency key, but its stored response could not be read.");
        return Replay(entry, key);
    }

    private static Outcome<PermitSaved> Replay(IdempotencyEntry entry, IdempotencyKey key)
    {
        if (!string.Equals(entry.RequestHash, key.RequestHash, StringComparison.Ordinal))
        {
            return new PermitError(
                ErrorCode.RecordExists,
                IdempotencyKeys.HeaderName,
                "This idempotency key was used with a different request body in the last 24 hours.");
        }

        return new PermitSaved(entry.ReferenceId, default, default, Created: false)
        {
            ResponseBody = entry.ResponseBody,
        };
    }
}
