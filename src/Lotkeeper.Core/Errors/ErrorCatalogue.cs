using System.Collections.Frozen;

namespace Lotkeeper.Errors;

/// <summary>
/// The wire message and default HTTP status of every <see cref="ErrorCode"/>. The messages are sent to callers
/// character for character, because OPS-COM integrations may compare them.
/// </summary>
public static class ErrorCatalogue
{
    private static readonly FrozenDictionary<ErrorCode, string> Messages = new Dictionary<ErrorCode, string>
    {
        [ErrorCode.ClientCodeMissing] = "Client Code is missing from the request.",
        [ErrorCode.TokenMissing] = "API Token is missing from the request.",
        [ErrorCode.PermissionDenied] = "The supplied API token does not have permission to perform that request.",
        [ErrorCode.UnparsableRequest] = "Could not parse the request.",
        [ErrorCode.EndTimeRequired] = "End Time is a required field.",
        [ErrorCode.EndTimeInvalid] = "The end time value is invalid.",
        [ErrorCode.PlateRequired] = "Plate is a required field.",
        [ErrorCode.StartTimeInvalid] = "The start time value is invalid.",
        [ErrorCode.ReferenceIdRequired] = "Reference ID is required. On a new permit push, a reference id is returned."
            + " This is required for updates and deletes.",
        [ErrorCode.RecordNotFound] = "Record not found.",
        [ErrorCode.PlateTypeRequired] = "The Plate Type is required.",
        [ErrorCode.ProvinceRequired] = "The province or state is required.",
        [ErrorCode.VehicleExists] = "The vehicle is already in the database.",
        [ErrorCode.UniqueIdRequired] = "A unique id is required.",
        [ErrorCode.LoginSourceRequired] = "The login source is required.",
        [ErrorCode.LoginSourceInvalid] = "The login source is invalid.",
        [ErrorCode.UserEmailRequired] = "The user e-mail is required.",
        [ErrorCode.UserFirstNameRequired] = "The user's first name is required.",
        [ErrorCode.UserLastNameRequired] = "The user's last name is required.",
        [ErrorCode.UserEmailNotUnique] = "The user's email address must be unique.",
        [ErrorCode.UserNameNotUnique] = "The user's username must be unique.",
        [ErrorCode.VehiclePlateTooLong] = "The vehicle's plate length exceeds 50 characters.",
        [ErrorCode.RecordExists] = "A record already exists with the supplied details.",
        [ErrorCode.FieldTooLong] = "The field's maximum number of characters was exceeded.",
        [ErrorCode.FieldRequired] = "The field is required.",
        [ErrorCode.FieldTooShort] = "The field has a minimum number of characters.",
        [ErrorCode.FieldInvalid] = "The field's value is invalid.",
        [ErrorCode.TooManyRequests] = "Too many requests.",
        [ErrorCode.ServerError] = "The server could not complete the request.",
    }.ToFrozenDictionary();

    /// <summary>All codes of the catalogue, in numeric order.</summary>
    public static IReadOnlyList<ErrorCode> Codes { get; } = [.. Messages.Keys.Order()];

    /// <summary>Returns the exact wire message of <paramref name="code"/>.</summary>
    public static string MessageOf(ErrorCode code) => Messages[code];

    /// <summary>
    /// Returns the HTTP status that <paramref name="code"/> gets unless the server is set to send every error with
    /// status 200. A body over the size limit and a wrong content type share code 9003 but have their own statuses,
    /// which <see cref="PermitError.Status"/> carries.
    /// </summary>
    public static int DefaultStatusOf(ErrorCode code) => code switch
    {
        ErrorCode.TokenMissing => 401,
        ErrorCode.PermissionDenied => 403,
        ErrorCode.RecordNotFound => 404,
        ErrorCode.RecordExists => 409,
        ErrorCode.TooManyRequests => 429,
        ErrorCode.ServerError => 500,
        _ => 400,
    };
}
