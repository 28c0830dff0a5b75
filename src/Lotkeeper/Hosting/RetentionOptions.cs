using System.ComponentModel.DataAnnotations;

namespace Lotkeeper.Hosting;

/// <summary>The <c>Lotkeeper:Retention</c> section: the daily plate purge of <c>serve</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Lotkeeper:Retention";

    /// <summary>
    /// Days after a permit's end or deletion when <c>serve</c> removes its plate, checked once at start-up and then
    /// every 24 hours. Unset turns the schedule off; <c>lotkeeper purge</c> still works.
    /// </summary>
    [Range(0, 36500)]
    public int? Days { get; set; }
}
