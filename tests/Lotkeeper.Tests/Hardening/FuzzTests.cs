using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lotkeeper.Domain;
using Lotkeeper.Errors;
using Lotkeeper.Permits;
using Lotkeeper.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Lotkeeper.Tests.Hardening;

/// <summary>
/// Sends generated bodies to every permits endpoint: random JSON, mutated valid requests, random bytes, huge and
/// deeply nested values, and every attribute key with values of the wrong type, some with idempotency keys. No response may be a 500 or take
/// longer than the timeout, every error must carry a catalogue code and message, and a rejected request must leave
/// the permits, events, zones and idempotency keys as they were.
/// </summary>
/// <remarks>
/// The number of bodies per endpoint comes from <c>LOTKEEPER_FUZZ_COUNT</c> (500 by default, so about 2000 in
/// all); <c>scripts/fuzz.sh</c> runs 100000. The seed comes from <c>LOTKEEPER_FUZZ_SEED</c> (a fixed default), and a
/// failure names the seed and the body's index so that it can be replayed.
/// </remarks>
public sealed class SqliteFuzzTests(PostgresCluster cluster) : ApiTestBase(Backend.Sqlite, cluster)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private static readonly string[] Endpoints = ["push", "update", "delete", "stats"];

    private static readonly HashSet<HttpStatusCode> ErrorStatuses =
    [
        HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound,
        HttpStatusCode.Conflict, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType,
    ];

    protected override string[] HostArguments => ["--Lotkeeper:RateLimit:PermitsPerSecond=0"];

    [Fact]
    public async Task Generated_bodies_never_fail_the_server()
    {
        var count = ReadSetting("LOTKEEPER_FUZZ_COUNT", 500);
        var seed = ReadSetting("LOTKEEPER_FUZZ_SEED", 20260615);
        var (_, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate, zones: "Lot 4");
        var referenceIds = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var pushed = await Host.PostJsonAsync(
                "/api/OC-TOMA/v1/permits/push",
                $$"""{"apiToken":"{{token}}","plate":"SEED{{i}}","zone":"Lot 4","endTime":"2026-12-31T00:00:00"}""");
            referenceIds.Add((await ReadJsonAsync(pushed)).GetProperty("reference_id").GetString()!);
        }

        await using var connection = new SqliteConnection(Database.ConnectionString + ";Mode=ReadOnly");
        await connection.OpenAsync();
        var generator = new BodyGenerator(new Random(seed), token, referenceIds);
        var failures = new List<string>();
        var fingerprint = await FingerprintAsync(connection);

        foreach (var endpoint in Endpoints)
        {
            for (var index = 0; index < count && failures.Count < 20; index++)
            {
                var (body, contentType, idempotencyKey) = generator.Next(endpoint);
                var (status, text, timedOut) = await SendAsync(endpoint, body, contentType, idempotencyKey);
                var after = await FingerprintAsync(connection);
                var problem = timedOut ? "timed out" : Check(status, text, fingerprint, after);
                if (problem is not null)
                {
                    failures.Add($"seed {seed}, {endpoint} #{index}: {problem}; body {Preview(body)}");
                }

                fingerprint = after;
            }
        }

        var log = Host.Log.Text;
        Assert.True(failures.Count == 0, string.Join('\n', failures) + "\n" + log[^Math.Min(4000, log.Length)..]);
    }

    /// <summary>Returns what is wrong with one response, or null when it is acceptable.</summary>
    private static string? Check(HttpStatusCode status, string text, string before, string after)
    {
        if (status == HttpStatusCode.OK
            && (text.Contains("\"status\":\"success\"", StringComparison.Ordinal)
                || text.StartsWith("{\"data\":[", StringComparison.Ordinal)))
        {
            return null;
        }

        if (!ErrorStatuses.Contains(status))
        {
            return $"status {(int)status} with {Preview(text)}";
        }

        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            return $"rejected with {(int)status} but stored rows changed";
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var code = root.GetProperty("ErrorCode").GetInt32();
            var message = root.GetProperty("ErrorMessage").GetString();
            if (!Enum.IsDefined((ErrorCode)code) || code == (int)ErrorCode.ServerError)
            {
                return $"code {code} is not an expected catalogue code";
            }

            return message == ErrorCatalogue.MessageOf((ErrorCode)code) ? null : $"message '{message}' for {code}";
        }
        catch (Exception exception)
            when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"error body is not the OPS-COM envelope: {Preview(text)}";
        }
    }

    private async Task<(HttpStatusCode Status, string Text, bool TimedOut)> SendAsync(
        string endpoint, byte[] body, string contentType, string? idempotencyKey)
    {
        using var timeout = new CancellationTokenSource(RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/OC-TOMA/v1/permits/{endpoint}")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        try
        {
            using var response = await Host.Client.SendAsync(request, timeout.Token);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token), false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return (0, "", true);
        }
    }

    /// <summary>Summarizes every stored row that a request may change, except tokens' last-used times.</summary>
    private static async Task<string> FingerprintAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM permits) || '/' || (SELECT COALESCE(SUM(version), 0) FROM permits) || '/'
                || (SELECT COUNT(*) FROM permits WHERE deleted_at IS NOT NULL) || '/'
                || (SELECT COUNT(*) FROM permit_events) || '/' || (SELECT COUNT(*) FROM zones) || '/'
                || (SELECT COUNT(*) FROM idempotency_keys)
            """;
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static int ReadSetting(string name, int fallback) =>
        int.TryParse(
            Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : fallback;

    private static string Preview(byte[] body) => Preview(Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)));

    private static string Preview(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>Generates request bodies from one seeded random source, so that a run can be repeated.</summary>
    private sealed class BodyGenerator(Random random, string token, IReadOnlyList<string> referenceIds)
    {
        private static readonly string[] ContentTypes =
        [
            "application/json", "application/json; charset=utf-8", "text/plain", "application/xml",
            "application/json; charset=latin1", "multipart/form-data; boundary=x",
        ];

        private static readonly string[] Strings =
        [
            "", " ", "ABC123", "2026-06-15T12:00:00", "2026-02-30T25:61:00", "Lot 4", "lot   4", "CAD", "XXX",
            "14.50", "-1", "1e309", "NaN", "standard", "temp", "validator", "\u202Eplate", "Ö-1.2", "\u0000",
            "null", "{}", "[]", "\uD800", "0000000-0000", "Z", "+05:00", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00",
        ];

        private static readonly string[] AllKeys = [.. Enum.GetValues<PermitAttribute>()
            .SelectMany(attribute => PermitAttributes.KeysOf(attribute))
            .SelectMany(key => new[] { key, key.ToUpperInvariant(), key.ToLowerInvariant() })
            .Append("unknownKey")];

        private static readonly string[] IdempotencyKeys =
        [
            "retry-1", "retry-2", " ", "k\u00e9y", new string('k', 100), new string('k', 101), "a,b", "tab\there",
        ];

        public (byte[] Body, string ContentType, string? IdempotencyKey) Next(string endpoint)
        {
            var idempotencyKey = random.Next(8) == 0 ? IdempotencyKeys[random.Next(IdempotencyKeys.Length)] : null;
            var contentType = random.Next(20) == 0
                ? ContentTypes[random.Next(ContentTypes.Length)]
                : "application/json";
            var body = random.Next(10) switch
            {
                0 => RandomBytes(),
                1 => Encoding.UTF8.GetBytes(RandomJson(0)),
                2 => Encoding.UTF8.GetBytes(Huge()),
                3 or 4 => Encoding.UTF8.GetBytes(WrongTypes()),
                _ => Encoding.UTF8.GetBytes(Mutated(endpoint)),
            };
            return (body, contentType, idempotencyKey);
        }

        private byte[] RandomBytes()
        {
            var bytes = new byte[random.Next(0, 2000)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && random.Next(2) == 0)
            {
                bytes[0] = (byte)'{';
            }

            return bytes;
        }

        private string Huge() => random.Next(4) switch
        {
            0 => $$"""{"apiToken":"{{token}}","plate":"{{new string('A', random.Next(60_000, 80_000))}}"}""",
            1 => new string('[', random.Next(30, 5000)) + new string(']', random.Next(0, 5000)),
            2 => $$"""{"apiToken":"{{token}}","zone":{{Nested(random.Next(30, 40))}}}""",
            _ => $$"""{"apiToken":"{{token}}","Amount":{{new string('9', random.Next(20, 5000))}}}""",
        };

        private static string Nested(int depth) =>
            string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

        /// <summary>Every key of every attribute, each with a value of a random, mostly wrong, type.</summary>
        private string WrongTypes()
        {
            var members = new List<string> { $"\"apiToken\":\"{token}\"" };
            foreach (var key in AllKeys)
            {
                if (random.Next(3) == 0)
                {
                    members.Add($"{JsonSerializer.Serialize(key)}:{RandomJson(2)}");
                }
            }

            Shuffle(members);
            return "{" + string.Join(',', members) + "}";
        }

        /// <summary>A valid request of the endpoint with some members removed, replaced, duplicated or added.</summary>
        private string Mutated(string endpoint)
        {
            var members = new List<(string Key, string Value)> { ("apiToken", Quote(token)) };
            if (endpoint is "update" or "delete")
            {
                members.Add(("referenceID", Quote(referenceIds[random.Next(referenceIds.Count)])));
            }

            if (endpoint is "push" or "update")
            {
                members.Add(("plate", Quote("FZ" + random.Next(100000).ToString(CultureInfo.InvariantCulture))));
                members.Add(("endTime", Quote("2026-12-31T00:00:00")));
                members.Add(("Amount", Quote("5.00")));
                members.Add(("currency", Quote("CAD")));
            }

            if (endpoint == "push")
            {
                members.Add(("zone", Quote("Lot " + random.Next(6).ToString(CultureInfo.InvariantCulture))));
                members.Add(("startTime", Quote("2026-06-15T08:00:00")));
                members.Add(("permitNo", Quote("P" + random.Next(50).ToString(CultureInfo.InvariantCulture))));
                members.Add(("permitType", Quote("standard")));
            }

            if (endpoint == "stats")
            {
                members.Add(("zones", Quote("Lot 1,Lot 4")));
            }

            var mutations = random.Next(1, 4);
            for (var i = 0; i < mutations; i++)
            {
                var position = random.Next(members.Count);
                switch (random.Next(5))
                {
                    case 0:
                        members.RemoveAt(position);
                        break;
                    case 1:
                        members[position] = (members[position].Key, RandomJson(1));
                        break;
                    case 2:
                        members.Add((AllKeys[random.Next(AllKeys.Length)], RandomJson(1)));
                        break;
                    case 3:
                        members.Add((members[position].Key, RandomJson(1)));
                        break;
                    default:
                        members[position] = (members[position].Key, Quote(Strings[random.Next(Strings.Length)]));
                        break;
                }

                if (members.Count == 0)
                {
                    break;
                }
            }

            var pairs = members.Select(member => $"{JsonSerializer.Serialize(member.Key)}:{member.Value}");
            return "{" + string.Join(',', pairs) + "}";
        }

        private string RandomJson(int depth)
        {
            var choice = depth > 3 ? random.Next(5) : random.Next(8);
            return choice switch
            {
                0 => "null",
                1 => random.Next(2) == 0 ? "true" : "false",
                2 => RandomNumber(),
                3 or 4 => Quote(random.Next(3) == 0 ? RandomText() : Strings[random.Next(Strings.Length)]),
                5 => "[" + string.Join(',', Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(depth + 1)))
                    + "]",
                _ => "{" + string.Join(',', Enumerable.Range(0, random.Next(4)).Select(_ =>
                    $"{Quote(AllKeys[random.Next(AllKeys.Length)])}:{RandomJson(depth + 1)}")) + "}",
            };
        }

        private string RandomNumber() => random.Next(5) switch
        {
            0 => random.Next().ToString(CultureInfo.InvariantCulture),
            1 => (random.NextDouble() * 1e6).ToString("R", CultureInfo.InvariantCulture),
            2 => "-0",
            3 => "1e400",
            _ => "123456789012345678901234567890",
        };

        private string RandomText()
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 40);
            for (var i = 0; i < length; i++)
            {
                builder.Append((char)random.Next(0, 0x3000));
            }

            return builder.ToString();
        }

        private void Shuffle(List<string> items)
        {
            for (var i = items.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }

        // Serializing escapes control characters and lone surrogates, so the body stays valid JSON text.
        private static string Quote(string text) => JsonSerializer.Serialize(text);
    }
}
