using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ModelRegistry.Api.Tests.Hardening;

/// <summary>
/// Malformed bodies, broken Unicode, numbers out of range and documents nested past the parser's depth are the
/// client's mistakes: each gets a coded answer of our own words over HTTP and over SSE, never a 500 and never a
/// dropped stream.
/// </summary>
public sealed class MalformedInputTests(HardenedApiFactory factory) : IClassFixture<HardenedApiFactory>
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Raw bodies a client or an attacker may send, each invalid in its own way.</summary>
    public static TheoryData<string, byte[]> Bodies => new()
    {
        { "lone surrogate in the query", Encoding.UTF8.GetBytes("{\"query\":\"\\ud800\"}") },
        { "lone surrogate in operationName", Encoding.UTF8.GetBytes("{\"query\":\"{ __typename }\",\"operationName\":\"\\udfff\"}") },
        { "lone surrogate in variables", Encoding.UTF8.GetBytes("{\"query\":\"query($s: String) { __typename }\",\"variables\":{\"s\":\"\\ud800x\"}}") },
        { "invalid UTF-8 inside a string", [.. Encoding.UTF8.GetBytes("{\"query\":\"{ __type"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("name }\"}")] },
        { "a number too large for a double", Encoding.UTF8.GetBytes("{\"query\":\"query($n: Float) { modelVersions(where: { metrics: { some: { value: { gt: $n } } } }) { totalCount } }\",\"variables\":{\"n\":1e400}}") },
        { "truncated JSON", Encoding.UTF8.GetBytes("{\"query\":") },
        { "not JSON at all", Encoding.UTF8.GetBytes("query { __typename }") },
        { "variables nested past the JSON depth", Encoding.UTF8.GetBytes("{\"query\":\"{ __typename }\",\"variables\":" + new string('[', 200) + new string(']', 200) + "}") },
    };

    private async Task<ApiResponse> SendAsync(byte[] body, string? accept = null)
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Api-Key", HardenedApiFactory.AdminKey);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return await ApiResponse.ReadAsync(await client.SendAsync(request));
    }

    private static void AssertOwnWords(ApiResponse response)
    {
        Assert.DoesNotContain("System.", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("is an invalid", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("INTERNAL_SERVER_ERROR", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_malformed_body_gets_400_BAD_REQUEST_in_our_own_words_over_HTTP(string why, byte[] body)
    {
        var response = await SendAsync(body);

        Assert.True(response.Status == 400, $"{why}: {response.Status} {response.Body}");
        Assert.Equal(["BAD_REQUEST"], response.ErrorCodes);
        AssertOwnWords(response);
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_malformed_body_gets_400_BAD_REQUEST_in_our_own_words_over_SSE(string why, byte[] body)
    {
        var response = await SendAsync(body, "text/event-stream");

        Assert.True(response.Status == 400, $"{why}: {response.Status} {response.Body}");
        Assert.Equal(["BAD_REQUEST"], response.ErrorCodes);
        AssertOwnWords(response);
    }

    [Fact]
    public async Task A_body_that_starts_with_a_UTF8_byte_order_mark_is_read()
    {
        var response = await SendAsync([.. Bom, .. Encoding.UTF8.GetBytes("{\"query\":\"{ __typename }\"}")]);

        Assert.Equal(200, response.Status);
        Assert.Equal("Query", response.Json.GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task SSE_refuses_a_body_in_another_charset_with_415_as_HTTP_does()
    {
        foreach (var accept in new[] { "application/json", "text/event-stream" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = new ByteArrayContent(Encoding.Unicode.GetBytes("{\"query\":\"{ __typename }\"}")),
            };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-16");
            request.Headers.Add("X-Api-Key", HardenedApiFactory.AdminKey);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            var response = await ApiResponse.ReadAsync(await factory.CreateClient().SendAsync(request));

            Assert.Equal((415, "UNSUPPORTED_MEDIA_TYPE"), (response.Status, response.ErrorCodes.Single()));
        }
    }

    [Fact]
    public async Task A_mutation_over_an_SSE_GET_is_refused_with_the_code_HTTP_gives_it()
    {
        var query = Uri.EscapeDataString("mutation { registerModel(input: { name: \"get-mutation\", task: CLASSIFICATION, owner: \"x\" }) { errors { code } } }");
        using var sse = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + query);
        sse.Headers.Add("X-Api-Key", HardenedApiFactory.AdminKey);
        sse.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        using var http = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + query);
        http.Headers.Add("X-Api-Key", HardenedApiFactory.AdminKey);

        var overSse = await ApiResponse.ReadAsync(await factory.CreateClient().SendAsync(sse));
        var overHttp = await ApiResponse.ReadAsync(await factory.CreateClient().SendAsync(http));

        Assert.Equal(["METHOD_NOT_ALLOWED"], overHttp.ErrorCodes);
        Assert.Contains("\"code\":\"METHOD_NOT_ALLOWED\"", overSse.Body);
        Assert.DoesNotContain("GRAPHQL_VALIDATION_FAILED", overSse.Body);
    }

    /// <summary>Syntax errors after a lone carriage return, which the specification counts as a line break (found by the fuzz suite).</summary>
    public static TheoryData<string, string> SyntaxErrorsAfterLoneCarriageReturns => new()
    {
        { "a parser error", "query t23\r3y95gl { __typename }" },
        { "a lexer error", "query a\r{ __typename(x: \"unterminated }" },
        { "an error two lines on", "query a\r\r{ __typename\r$ }" },
    };

    [Theory]
    [MemberData(nameof(SyntaxErrorsAfterLoneCarriageReturns))]
    public async Task A_syntax_error_after_a_lone_carriage_return_is_a_parse_error_not_an_internal_error(string why, string query)
    {
        var response = await SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query })));

        Assert.True(response.Status is 200 or 400, $"{why}: {response.Status} {response.Body}");
        Assert.Equal(["GRAPHQL_PARSE_FAILED"], response.ErrorCodes);
        AssertOwnWords(response);
    }

    [Fact]
    public async Task A_document_whose_lines_end_in_lone_carriage_returns_runs()
    {
        var response = await SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query = "query a\r{\r__typename # why\r}\r" })));

        Assert.Equal(200, response.Status);
        Assert.Equal("Query", response.Json.GetProperty("data").GetProperty("__typename").GetString());
    }

    /// <summary>
    /// Syntax errors far along one line. The parser's message costs the square of the error's column (a minute at column
    /// 100,000), so these must be answered by the linear pass in front of it, or on short lines it made.
    /// </summary>
    public static TheoryData<string, string> LongLineErrors => new()
    {
        { "unterminated string after a long one", "{ models(where: { name: { eq: \"" + new string('a', 300_000) + "\"\" } }) { totalCount } }" },
        { "invalid escape far into a string", "{ models(where: { name: { eq: \"" + new string('a', 300_000) + "\\q\" } }) { totalCount } }" },
        { "a name of 300,000 characters", "{ " + new string('a', 300_000) + " }" },
        { "a stray token at the end of a long line", "{ models(where: { name: { eq: \"" + new string('a', 300_000) + "\" } }) { totalCount } } } ) ]" },
        { "a bad character after many fields on one line", "{ " + string.Concat(Enumerable.Repeat("models { totalCount } ", 2000)) + "\u0001 }" },
    };

    [Theory]
    [MemberData(nameof(LongLineErrors))]
    public async Task A_syntax_error_far_along_one_line_is_a_parse_error_answered_at_once(string why, string query)
    {
        var response = await SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query })));

        Assert.True(response.Status is 200 or 400, $"{why}: {response.Status} {response.Body[..Math.Min(300, response.Body.Length)]}");
        Assert.Contains(response.ErrorCodes.First(), new[] { "GRAPHQL_PARSE_FAILED", "MAX_TOKENS_EXCEEDED" });
        AssertOwnWords(response);
    }

    [Fact]
    public async Task Long_single_line_documents_still_mean_what_they_say()
    {
        // A long string literal, many fields on one line, a float and a spread straddling the break column.
        var fields = string.Concat(Enumerable.Repeat("__typename ", 40));
        var query = "query { ...F models(where: { name: { eq: \"" + new string('z', 5_000) + "\" } }) { totalCount nodes { " + fields + "} } "
                    + "modelVersions(where: { metrics: { some: { value: { gt: 0.5 } } } }) { totalCount nodes { " + fields + "} } } fragment F on Query { __typename }";

        var response = await SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query })));

        Assert.Equal(200, response.Status);
        Assert.Empty(response.ErrorCodes);
        Assert.Equal(0, response.Json.GetProperty("data").GetProperty("models").GetProperty("totalCount").GetInt32());
    }

    /// <summary>Documents deeper than the GraphQL parser will go.</summary>
    public static TheoryData<string, string> DeepDocuments => new()
    {
        { "selections", "{ " + string.Concat(Enumerable.Repeat("a { ", 70)) + "b" + new string('}', 71) },
        { "nested and in a where", "{ models(where: " + string.Concat(Enumerable.Repeat("{ and: [", 45)) + "{ name: { eq: \"x\" } }" + string.Concat(Enumerable.Repeat("] }", 45)) + ") { totalCount } }" },
    };

    [Theory]
    [MemberData(nameof(DeepDocuments))]
    public async Task A_document_nested_past_the_parser_depth_is_refused_with_a_code_over_HTTP(string why, string query)
    {
        var response = await SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query })));

        Assert.True(response.Status is 200 or 400, $"{why}: {response.Status} {response.Body}");
        Assert.Contains(response.ErrorCodes.Single(), new[] { "MAX_DEPTH_EXCEEDED", "SYNTAX_ERROR" });
        AssertOwnWords(response);
    }

    [Theory]
    [MemberData(nameof(DeepDocuments))]
    public async Task A_document_nested_past_the_parser_depth_is_answered_over_SSE_not_dropped(string why, string query)
    {
        var response = await SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query })), "text/event-stream");

        Assert.True(response.Status is 200 or 400, $"{why}: {response.Status} {response.Body}");
        Assert.Matches("MAX_DEPTH_EXCEEDED|SYNTAX_ERROR", response.Body);
        if (response.Status == 200)
            Assert.Contains("event: complete", response.Body);
        AssertOwnWords(response);
    }
}
