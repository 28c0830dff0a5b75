using System.ComponentModel.DataAnnotations;

namespace Lotkeeper.Hosting;

/// <summary>The <c>Lotkeeper:Api</c> section: compatibility settings of the HTTP APIs.</summary>
public sealed class ApiOptions
{
    public const string Section = "Lotkeeper:Api";

    /// <summary>Largest request body the permits API reads, 64 KiB; larger bodies get 9003 with HTTP 413.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// HTTP status for every OPS-COM error response. Unset (0) sends each code's own status (401, 403, 404, 409,
    /// 413, 415, 429, 400); <c>200</c> sends all errors with status 200, for clients written against servers that do
    /// so.
    /// </summary>
    [Range(0, 599)]
    public int ErrorStatusCode { get; set; }
}
