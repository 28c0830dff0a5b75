using System.ComponentModel.DataAnnotations;

namespace Lotkeeper.Hosting;

/// <summary>The <c>Lotkeeper:Stats</c> section: compaction of the running-permit counts that stats read.</summary>
public sealed class StatsOptions
{
    public const string Section = "Lotkeeper:Stats";

    /// <summary>
    /// Seconds between compactions in <c>serve</c>, the first at start-up (default 2). Each run folds the marks
    /// that writes appended into the kept counts. A stats request adds up the marks of the last interval and margin,
    /// so its cost grows with the writes of that time.
    /// </summary>
    [Range(1, 86_400)]
    public int CompactionIntervalSeconds { get; set; } = 2;

    /// <summary>
    /// Seconds behind the clock where compaction stops (default 5). A stats request for an earlier instant, such as
    /// one from an app instance whose clock runs that far behind, counts the permits directly, which is slow.
    /// </summary>
    [Range(0, 86_400)]
    public int CompactionMarginSeconds { get; set; } = 5;
}
