using Lotkeeper.Storage;

namespace Lotkeeper.Enforcement;

/// <summary>One page of a zone's permit feed.</summary>
/// <param name="Permits">
/// Unexpired live permits while the feed lists the zone's current state. After that, every permit created, changed
/// or deleted since the previous page, in change order.
/// </param>
/// <param name="Next">Where the next page starts; its encoded form is the page's next token.</param>
public sealed record FeedPage(IReadOnlyList<ChangedPermit> Permits, FeedCursor Next);
