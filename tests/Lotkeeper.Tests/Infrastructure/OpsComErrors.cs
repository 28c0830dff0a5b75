using System.Net;

namespace Lotkeeper.Tests.Infrastructure;

/// <summary>
/// The OPS-COM error messages and default HTTP statuses as the wire contract states them, written out here rather
/// than read from the product's catalogue, so that a changed message fails the tests.
/// </summary>
public static class OpsComErrors
{
    private static readonly Dictionary<int, string> Messages = new()
    {
        [9000] = "Client Code is missing from the request.",
        [9001] = "API Token is missing from the request.",
        [9002] = "The supplied API token does not have permission to perform that request.",
        [9003] = "Could not parse the request.",
        [9004] = "End Time is a required field.",
        [9005] = "The end time value is invalid.",
        [9006] = "Plate is a required field.",
        [9007] = "The start time value is invalid.",
        [9008] = "Reference ID is required. On a new permit push, a reference id is returned. This is required for"
            + " updates and deletes.",
        [9009] = "Record not found.",
        [9022] = "A record already exists with the supplied details.",
        [9030] = "The field's maximum number of characters was exceeded.",
        [9031] = "The field is required.",
        [9033] = "The field's value is invalid.",
        [9999] = "The server could not complete the request.",
    };

    /// <summary>Every code the permits API can send, apart from 9999.</summary>
    public static IReadOnlyCollection<int> PermitsApiCodes { get; } =
        [9000, 9001, 9002, 9003, 9004, 9005, 9006, 9007, 9008, 9009, 9022, 9030, 9031, 9033];

    public static string MessageOf(int code) => Messages[code];

    /// <summary>The default status: 401 for 9001, 403 for 9002, 404 for 9009, 409 for 9022, else 400.</summary>
    public static HttpStatusCode StatusOf(int code) => code switch
    {
        9001 => HttpStatusCode.Unauthorized,
        9002 => HttpStatusCode.Forbidden,
        9009 => HttpStatusCode.NotFound,
        9022 => HttpStatusCode.Conflict,
        9999 => HttpStatusCode.InternalServerError,
        _ => HttpStatusCode.BadRequest,
    };
}
