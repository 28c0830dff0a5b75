namespace Lotkeeper.Errors;

/// <summary>
/// One rejected request: the catalogue code, and optionally the attribute's first key name and a sentence saying
/// what was wrong with the value.
/// </summary>
/// <param name="Code">The catalogue code; its message comes from <see cref="ErrorCatalogue"/>.</param>
/// <param name="Field">The first key name of the attribute at fault, such as <c>LicencePlate</c>.</param>
/// <param name="Detail">What was wrong with the value and what is accepted, in one sentence.</param>
/// <param name="Status">An HTTP status that replaces the code's default (413 and 415 for code 9003, 503).</param>
public sealed record PermitError(ErrorCode Code, string? Field = null, string? Detail = null, int? Status = null)
{
    public string Message => ErrorCatalogue.MessageOf(Code);

    public int HttpStatus => Status ?? ErrorCatalogue.DefaultStatusOf(Code);
}
