namespace Lotkeeper.Storage;

/// <summary>Conversions between instants and the stored form, microseconds since the Unix epoch in UTC.</summary>
public static class UnixTime
{
    public static long ToMicroseconds(DateTimeOffset instant) =>
        (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset FromMicroseconds(long microseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);

    public static long? ToMicroseconds(DateTimeOffset? instant) =>
        instant is { } value ? ToMicroseconds(value) : null;

    public static DateTimeOffset? FromMicroseconds(long? microseconds) =>
        microseconds is { } value ? FromMicroseconds(value) : null;

    /// <summary>Drops the sub-microsecond part, which storage cannot keep.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset instant) => FromMicroseconds(ToMicroseconds(instant));
}
