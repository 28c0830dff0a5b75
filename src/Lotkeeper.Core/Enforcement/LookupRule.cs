namespace Lotkeeper.Enforcement;

/// <summary>The rule that decided a lookup, which its explanation puts into words.</summary>
public enum LookupRule
{
    /// <summary>The looked-up text is not a plate (empty, too long, or with a character plates cannot have).</summary>
    InvalidPlate,

    /// <summary>Zones were named, but none of them is a zone of the client.</summary>
    NoKnownZone,

    /// <summary>A permit matching exactly or after normalisation runs at the instant of the lookup.</summary>
    Valid,

    /// <summary>A matching permit has ended, but the instant is within the client's grace period after its end.</summary>
    ValidInGrace,

    /// <summary>No permit runs, but a matching one stopped counting within the recently expired window.</summary>
    RecentlyExpired,

    /// <summary>No permit runs, but a matching one starts later.</summary>
    NotYetStarted,

    /// <summary>Only plates that differ in OCR-confusable characters hold a running permit.</summary>
    OcrEquivalentOnly,

    /// <summary>No live permit of the plate runs in the zones looked at.</summary>
    NoPermit,
}
