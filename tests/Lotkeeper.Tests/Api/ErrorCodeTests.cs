using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Lotkeeper.Auth;
using Lotkeeper.Domain;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Api;

/// <summary>The request-level error codes: blank client (9000), token (9001, 9002) and body (9003).</summary>
public abstract class ErrorCodeTests(Backend backend, PostgresCluster cluster) : PermitsApiTestBase(backend, cluster)
{
    public static TheoryData<string> Endpoints => ["push", "update", "delete", "stats"];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Empty_client_segment_returns_9000(string endpoint)
    {
        await SetUpClientAsync();

        var response = await Host.PostJsonAsync($"/api//v1/permits/{endpoint}", PushBody());

        await AssertRejectedAsync(response, 9000);
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Theory]
    [InlineData("push", "%20")]
    [InlineData("update", "%20%20")]
    [InlineData("delete", "%09")]
    [InlineData("stats", "%20")]
    public async Task Blank_client_segment_returns_9000(string endpoint, string segment)
    {
        await SetUpClientAsync();

        var response = await Host.PostJsonAsync($"/api/{segment}/v1/permits/{endpoint}", PushBody());

        await AssertRejectedAsync(response, 9000);
    }

    [Fact]
    public async Task Unknown_endpoint_returns_404_without_envelope()
    {
        await SetUpClientAsync();

        var response = await SendAsync("list", StatsBody());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public static TheoryData<string, string?> MissingTokens => new()
    {
        { "push", null },
        { "push", "null" },
        { "push", "\"\"" },
        { "push", "\"   \"" },
        { "update", null },
        { "delete", "\"\"" },
        { "stats", null },
        { "stats", "\"\\t\"" },
    };

    [Theory]
    [MemberData(nameof(MissingTokens))]
    public async Task Missing_token_returns_9001(string endpoint, string? json)
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();

        var response = await SendAsync(
            endpoint, PushBody(("apiToken", json is null ? Omit : Raw(json)), ("referenceID", referenceId)));

        await AssertRejectedAsync(response, 9001, status: HttpStatusCode.Unauthorized);
        Assert.Equal(1, await CountPermitsAsync());
    }

    public static TheoryData<string> WrongTokens => new()
    {
        "\"unknown-token\"",
        "\"" + new string('A', 50) + "\"",
        "\"" + new string('A', 51) + "\"",
        "\"tok en\"",
        "\"'; DROP TABLE tokens; --\"",
        "12345",
        "true",
        "[\"x\"]",
        "{}",
    };

    [Theory]
    [MemberData(nameof(WrongTokens))]
    public async Task Unknown_token_returns_9002(string json)
    {
        await SetUpClientAsync();

        var response = await PushAsync(("apiToken", Raw(json)));

        await AssertRejectedAsync(response, 9002, status: HttpStatusCode.Forbidden);
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Fact]
    public async Task Token_with_spaces_around_returns_9002()
    {
        await SetUpClientAsync();

        var response = await PushAsync(("apiToken", " " + Token + " "));

        await AssertRejectedAsync(response, 9002);
    }

    [Fact]
    public async Task Token_in_wrong_case_returns_9002()
    {
        await SetUpClientAsync();
        var changed = Token.ToUpperInvariant() == Token ? Token.ToLowerInvariant() : Token.ToUpperInvariant();

        var response = await PushAsync(("apiToken", changed));

        await AssertRejectedAsync(response, 9002);
    }

    [Fact]
    public async Task Token_of_other_client_returns_9002()
    {
        await SetUpClientAsync();
        var (_, otherToken) = await Host.AddClientAsync("OC-OTHER", zones: "Lot 4");

        var response = await PushAsync(("apiToken", otherToken));

        await AssertRejectedAsync(response, 9002);
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Fact]
    public async Task Unknown_client_returns_9002()
    {
        await SetUpClientAsync();

        var response = await SendAsync("push", PushBody(), "OC-NOBODY");

        await AssertRejectedAsync(response, 9002);
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Theory]
    [InlineData("OC%20TOMA")]
    [InlineData("OCTOMA")]
    [InlineData("OC-TOMA-")]
    [InlineData("%C3%96C-TOMA")]
    public async Task Client_code_that_matches_nothing_returns_9002(string segment)
    {
        await SetUpClientAsync();

        var response = await SendAsync("push", PushBody(), segment);

        await AssertRejectedAsync(response, 9002);
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Fact]
    public async Task Revoked_token_returns_9002()
    {
        await SetUpClientAsync();
        var tokenId = (await Host.Admin.ListTokensAsync(Client.Id, default)).Single().Id;
        await Host.Admin.RevokeTokenAsync(tokenId, Host.Clock.GetUtcNow(), default);

        var response = await PushAsync();

        await AssertRejectedAsync(response, 9002);
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Fact]
    public async Task Expired_token_returns_9002()
    {
        await SetUpClientAsync();
        var (_, secret) = await new TokenIssuer(Host.Admin, Host.Clock).IssueAsync(
            Client.Id, "short", Permissions.All, Host.Clock.GetUtcNow().AddMinutes(1), default);
        Host.Clock.Advance(TimeSpan.FromMinutes(1));

        var response = await PushAsync(("apiToken", secret));

        await AssertRejectedAsync(response, 9002);
    }

    [Theory]
    [InlineData("push", Permissions.PermitCreate)]
    [InlineData("update", Permissions.PermitUpdate)]
    [InlineData("delete", Permissions.PermitDelete)]
    [InlineData("stats", Permissions.PermitStats)]
    public async Task Token_without_endpoint_permission_returns_9002(string endpoint, Permissions missing)
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();
        var (_, secret) = await Host.IssueTokenAsync(Client.Id, Permissions.All & ~missing);

        var response = await SendAsync(
            endpoint, PushBody(("apiToken", secret), ("referenceID", referenceId), ("LicencePlate", "XYZ789")));

        await AssertRejectedAsync(response, 9002);
        var permit = await FindPermitAsync(referenceId);
        Assert.Equal("ABC123", permit.PlateRaw);
        Assert.Null(permit.DeletedAt);
        Assert.Equal(1, await CountPermitsAsync());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/jsonp")]
    [InlineData("text/json")]
    public async Task Wrong_content_type_returns_9003_with_415(string contentType)
    {
        await SetUpClientAsync();

        var response = await Host.PostJsonAsync($"/api/{ClientCode}/v1/permits/push", PushBody(), contentType);

        await AssertRejectedAsync(response, 9003, status: HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Fact]
    public async Task Missing_content_type_returns_9003_with_415()
    {
        await SetUpClientAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(PushBody()));

        var response = await Host.Client.PostAsync($"/api/{ClientCode}/v1/permits/push", content);

        await AssertRejectedAsync(response, 9003, status: HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json;charset=UTF-8")]
    [InlineData("Application/JSON")]
    public async Task Json_content_type_variants_accepted(string contentType)
    {
        await SetUpClientAsync();

        var response = await Host.PostJsonAsync($"/api/{ClientCode}/v1/permits/push", PushBody(), contentType);

        await AssertSuccessAsync(response);
    }

    public static TheoryData<string, string> UnparsableBodies => new()
    {
        { "push", "" },
        { "push", "   " },
        { "push", "{" },
        { "push", "{\"apiToken\":}" },
        { "push", "{'apiToken':'x'}" },
        { "push", "{\"apiToken\":\"x\",}" },
        { "push", "{\"a\":1} {\"b\":2}" },
        { "push", "[]" },
        { "push", "[{\"apiToken\":\"x\"}]" },
        { "push", "\"text\"" },
        { "push", "42" },
        { "push", "null" },
        { "push", "true" },
        { "update", "" },
        { "delete", "[1]" },
        { "stats", "nope" },
    };

    [Theory]
    [MemberData(nameof(UnparsableBodies))]
    public async Task Unparsable_body_returns_9003(string endpoint, string body)
    {
        await SetUpClientAsync();

        var response = await SendAsync(endpoint, body);

        await AssertRejectedAsync(response, 9003, status: HttpStatusCode.BadRequest);
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Fact]
    public async Task Invalid_utf8_body_returns_9003()
    {
        await SetUpClientAsync();
        var bytes = Encoding.UTF8.GetBytes(PushBody(("LicencePlate", "ABC~123")));
        bytes[Array.IndexOf(bytes, (byte)'~')] = 0xFF;
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await Host.Client.PostAsync($"/api/{ClientCode}/v1/permits/push", content);

        await AssertRejectedAsync(response, 9003);
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Fact]
    public async Task Body_of_64_KiB_is_read()
    {
        await SetUpClientAsync();
        var body = PushBody(("padding", ""));
        body = PushBody(("padding", new string('x', (64 * 1024) - Encoding.UTF8.GetByteCount(body))));

        var response = await SendAsync("push", body);

        Assert.Equal(64 * 1024, Encoding.UTF8.GetByteCount(body));
        await AssertSuccessAsync(response);
    }

    [Fact]
    public async Task Body_over_64_KiB_returns_9003_with_413()
    {
        await SetUpClientAsync();
        var body = PushBody(("padding", ""));
        body = PushBody(("padding", new string('x', (64 * 1024) + 1 - Encoding.UTF8.GetByteCount(body))));

        var response = await SendAsync("push", body);

        await AssertRejectedAsync(response, 9003, status: HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Fact]
    public async Task Chunked_body_over_64_KiB_returns_413()
    {
        await SetUpClientAsync();
        var content = new UnknownLengthContent(
            Encoding.UTF8.GetBytes(PushBody(("padding", new string('x', 70_000)))));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await Host.Client.PostAsync($"/api/{ClientCode}/v1/permits/push", content);

        Assert.Null(content.Headers.ContentLength);
        await AssertRejectedAsync(response, 9003, status: HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Fact]
    public async Task Chunked_body_under_64_KiB_is_read()
    {
        await SetUpClientAsync();
        var content = new UnknownLengthContent(
            Encoding.UTF8.GetBytes(PushBody(("padding", new string('x', 60_000)))));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await Host.Client.PostAsync($"/api/{ClientCode}/v1/permits/push", content);

        await AssertSuccessAsync(response);
    }

    [Fact]
    public async Task Errors_carry_field_and_detail()
    {
        await SetUpClientAsync();

        var response = await PushAsync(("LicencePlate", "ABC$"));

        var body = await AssertRejectedAsync(response, 9033, "LicencePlate");
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("Detail").GetString()));
        Assert.Equal(
            ["ErrorCode", "ErrorMessage", "Field", "Detail"], body.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task Rejected_request_logged_without_token()
    {
        await SetUpClientAsync();

        var response = await PushAsync(("LicencePlate", "ABC$"));

        await AssertRejectedAsync(response, 9033, "LicencePlate");
        Assert.Contains("with 9033", Host.Log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, Host.Log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("ABC$", Host.Log.Text, StringComparison.Ordinal);
    }

    /// <summary>A body sent without <c>Content-Length</c>, so the server learns its size only by reading it.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

public sealed class SqliteErrorCodeTests(PostgresCluster cluster) : ErrorCodeTests(Backend.Sqlite, cluster);

public sealed class PostgresErrorCodeTests(PostgresCluster cluster) : ErrorCodeTests(Backend.Postgres, cluster);
