namespace Lotkeeper.Auth;

/// <summary>Why a token was not accepted.</summary>
public enum AuthenticationFailure
{
    None,

    /// <summary>No token, or a blank one (9001, HTTP 401).</summary>
    Missing,

    /// <summary>
    /// Unknown, malformed, revoked, expired, of another client, or of an unknown client (9002, HTTP 403). These share
    /// one response so that client codes and tokens cannot be probed.
    /// </summary>
    Rejected,

    /// <summary>A valid token of this client that lacks the permission (9002 on OPS-COM paths, 403 on REST).</summary>
    NotPermitted,
}
