using Lotkeeper.Errors;

namespace Lotkeeper.Api;

/// <summary>The outcome of a permits API endpoint: an error, a response to serialize, or a stored body.</summary>
internal readonly record struct EndpointResult<T>(PermitError? Error, T? Response, string? StoredBody = null)
    where T : class;
