using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Lotkeeper.Storage.Sql;
using Lotkeeper.Storage.Sqlite;

namespace Lotkeeper.Hosting;

/// <summary>
/// The server's own instruments, on the meter <c>Lotkeeper</c>. Labels are the endpoint name and the error code
/// only: never a client code, a token or anything else a caller chooses, so the number of series stays bounded.
/// </summary>
internal sealed class LotkeeperMetrics
{
    public const string MeterName = "Lotkeeper";

    private readonly Counter<long> requests;
    private readonly Histogram<double> duration;
    private readonly Counter<long> databaseErrors;

    public LotkeeperMetrics(IMeterFactory meterFactory, ISqlDatabase database)
    {
        var meter = meterFactory.Create(MeterName);
        requests = meter.CreateCounter<long>(
            "lotkeeper.api.requests", "{request}", "Permits API requests by endpoint and result code.");
        // The default boundaries (0, 5, 10 ... 10000) suit milliseconds; these are seconds, from 0.5 ms to 10 s.
        duration = meter.CreateHistogram(
            "lotkeeper.api.duration",
            "s",
            "Time to answer a permits API request, by endpoint and result code.",
            tags: null,
            advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
            });
        databaseErrors = meter.CreateCounter<long>(
            "lotkeeper.database.errors", "{error}", "Requests that failed because the database was unavailable.");
        meter.CreateObservableGauge(
            "lotkeeper.database.write_queue",
            () => database is SqliteDatabase sqlite ? sqlite.WaitingWriters : 0,
            "{writer}",
            "Writes waiting for the next SQLite group commit; always 0 on PostgreSQL.");
    }

    /// <summary>Records one completed request; <paramref name="errorCode"/> is null for a success.</summary>
    public void RecordRequest(string endpoint, int? errorCode, long startTimestamp)
    {
        var tags = new TagList
        {
            { "endpoint", endpoint },
            { "code", errorCode?.ToString(CultureInfo.InvariantCulture) ?? "success" },
        };
        requests.Add(1, tags);
        duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
    }

    public void RecordDatabaseError(string endpoint) =>
        databaseErrors.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint));
}
