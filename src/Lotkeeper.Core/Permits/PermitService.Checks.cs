using Lotkeeper.Auth;
using Lotkeeper.Domain;
using Lotkeeper.Errors;
using Lotkeeper.Storage;

namespace Lotkeeper.Permits;

public sealed partial class PermitService
{
    private readonly record struct PaymentAndKind(long? AmountCents, string Currency, string? PermitNumber, PermitType Type);

    private async Task<(Caller? Caller, PermitError? Error)> AuthenticateAsync(
        PermitRequest request, Permissions required, CancellationToken cancellationToken)
    {
        var tokenInput = request[PermitAttribute.Token];
        var token = tokenInput.Kind switch
        {
            InputKind.Absent => null,
            InputKind.Text => tokenInput.Text,

            // A token of the wrong JSON type, or two different tokens, can match no token.
            _ => "\0",
        };
        var (caller, failure) = await authenticator.AuthenticateAsync(
            request.ClientCode, token, required, cancellationToken);
        return failure switch
        {
            AuthenticationFailure.None => (caller, null),
            AuthenticationFailure.Missing => (null, new PermitError(ErrorCode.TokenMissing)),
            _ => (null, new PermitError(ErrorCode.PermissionDenied)),
        };
    }

    /// <summary>
    /// Authenticates, checks the idempotency key, then requires a reference id. Early is set, with an error or a
    /// replayed response, when the request should go no further.
    /// </summary>
    private async Task<(Caller? Caller, string? ReferenceId, Outcome<PermitSaved>? Early)>
        AuthenticateWithReferenceAsync(
            PermitRequest request,
            Permissions required,
            IdempotencyKey? idempotencyKey,
            CancellationToken cancellationToken)
    {
        var (caller, authError) = await AuthenticateAsync(request, required, cancellationToken);
        if (authError is not null)
        {
            return (null, null, authError);
        }

        if (await CheckIdempotencyKeyAsync(caller!, idempotencyKey, cancellationToken) is { } replayed)
        {
            return (null, null, replayed);
        }

        var input = request[PermitAttribute.ReferenceId];
        if (input.IsAbsent || (input.Kind == InputKind.Text && string.IsNullOrWhiteSpace(input.Text)))
        {
            return (null, null, new PermitError(
                ErrorCode.ReferenceIdRequired, PermitAttributes.FieldOf(PermitAttribute.ReferenceId)));
        }

        if (input.Kind == InputKind.Conflict)
        {
            return (null, null, AttributeRules.Invalid(
                PermitAttribute.ReferenceId, "Two reference id keys were sent with different values; send one."));
        }

        // A malformed reference id is simply not found, after the attribute checks like any other lookup.
        var referenceId = input.Kind == InputKind.Text && ReferenceIds.IsWellFormed(input.Text!)
            ? input.Text!.ToLowerInvariant()
            : ReferenceIds.NeverFound;
        return (caller, referenceId, null);
    }

    private async Task<(ZoneRecord? Zone, string? Name, PermitError? Error)> ResolveZoneAsync(
        ClientRecord client, InputValue input, CancellationToken cancellationToken)
    {
        if (input.IsAbsent)
        {
            return (null, null, new PermitError(ErrorCode.FieldRequired, PermitAttributes.FieldOf(PermitAttribute.Zone)));
        }

        if (AttributeRules.CheckZoneName(input, out var name) is { } nameError)
        {
            return (null, null, nameError);
        }

        var zone = await store.FindZoneAsync(client.Id, ZoneNames.KeyOf(name!), cancellationToken);
        if (zone is null && client.ZonePolicy == ZonePolicy.Strict)
        {
            return (null, null, AttributeRules.Invalid(
                PermitAttribute.Zone, "The client has no zone of this name; an administrator adds zones."));
        }

        return (zone, name, null);
    }

    private static (PaymentAndKind Fields, PermitError? Error) CheckPaymentAndKind(
        PermitRequest request, string defaultCurrency)
    {
        long? amountCents = null;
        var amountInput = request[PermitAttribute.Amount];
        if (!amountInput.IsAbsent && AttributeRules.CheckAmount(amountInput, out amountCents) is { } amountError)
        {
            return (default, amountError);
        }

        var currency = defaultCurrency;
        var currencyInput = request[PermitAttribute.Currency];
        if (!currencyInput.IsAbsent)
        {
            if (AttributeRules.CheckCurrency(currencyInput, out var parsed) is { } currencyError)
            {
                return (default, currencyError);
            }

            currency = parsed!;
        }

        string? permitNumber = null;
        var numberInput = request[PermitAttribute.PermitNumber];
        if (!numberInput.IsAbsent && AttributeRules.CheckPermitNumber(numberInput, out permitNumber) is { } numberError)
        {
            return (default, numberError);
        }

        var type = PermitType.Temp;
        var typeInput = request[PermitAttribute.PermitType];
        if (!typeInput.IsAbsent && AttributeRules.CheckPermitType(typeInput, out type) is { } typeError)
        {
            return (default, typeError);
        }

        return (new PaymentAndKind(amountCents, currency, permitNumber, type), null);
    }
}
