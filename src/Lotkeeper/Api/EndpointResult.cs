using Lotkeeper.Errors;

namespace Lotkeeper.Api;

/// <summary>What a permits API endpoint produced: an error, a response to serialize, or a stored body to send.</summary>
internal readonly record struct EndpointResult<T>(PermitError? Error, T? Response, string? StoredBody = null)
    where T : class;
