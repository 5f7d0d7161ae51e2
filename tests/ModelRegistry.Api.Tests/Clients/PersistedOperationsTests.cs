using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.GraphQL.PersistedOperations;

namespace ModelRegistry.Api.Tests.Clients;

/// <summary>A host serving APQ with a trusted-documents manifest, and an alias limit low enough to prove limits still apply.</summary>
public class PersistedOperationsApiFactory : RegistryApiFactory
{
    /// <summary>A manifest id as relay-compiler writes it (an MD5), which APQ's own cache would never accept.</summary>
    public const string RelayId = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    /// <summary>The document under <see cref="RelayId"/>.</summary>
    public const string RelayDocument = "query RelayTypename { __typename }";

    /// <summary>A manifest document keyed by its SHA-256, as graphql-codegen's client preset writes it.</summary>
    public const string CodegenDocument = "query CodegenTypename { codegen: __typename }";

    /// <summary>A manifest document keyed "sha256:&lt;hex&gt;", as graphql-codegen 7's client preset writes its ids.</summary>
    public const string PrefixedDocument = "query PrefixedTypename { prefixed: __typename }";

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Directory.CreateDirectory(DataDirectory);
        var manifest = Path.Combine(DataDirectory, "persisted-documents.json");
        File.WriteAllText(manifest, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            [RelayId] = RelayDocument,
            [PersistedOperationResolver.Sha256Of(CodegenDocument)] = CodegenDocument,
            ["sha256:" + PersistedOperationResolver.Sha256Of(PrefixedDocument)] = PrefixedDocument,
        }));
        builder.UseSetting("Registry:GraphQL:PersistedOperations:ManifestPath", manifest);
        builder.UseSetting("Registry:Limits:MaxAliases", "3");
        Configure(builder);
    }

    /// <summary>Further settings of a derived host.</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }
}

/// <summary>The same host in only-persisted mode.</summary>
public sealed class OnlyPersistedApiFactory : PersistedOperationsApiFactory
{
    /// <inheritdoc />
    protected override void Configure(IWebHostBuilder builder)
        => builder.UseSetting("Registry:GraphQL:PersistedOperations:Only", "true");
}

/// <summary>
/// Apollo's automatic persisted queries and trusted documents, as Apollo Client's persisted-query link, graphql-codegen
/// and relay-compiler clients send them, over POST, GET and the WebSocket.
/// </summary>
public sealed class PersistedOperationsTests(PersistedOperationsApiFactory host) : IClassFixture<PersistedOperationsApiFactory>
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("application/graphql-response+json, application/json;q=0.9")]
    public async Task An_unknown_hash_answers_200_with_PERSISTED_QUERY_NOT_FOUND_so_Apollo_retries_with_the_text(string accept)
    {
        var response = await PostAsync(Apq(Hash("query Unknown { unknown: __typename }")), accept);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(["PERSISTED_QUERY_NOT_FOUND"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_hash_sent_with_its_query_is_stored_and_then_runs_by_hash_over_POST_and_GET()
    {
        const string query = "query Registered { registered: __typename }";

        var registered = await PostAsync(Apq(Hash(query), query));
        var byPost = await PostAsync(Apq(Hash(query)));
        var byGet = await GetAsync($"extensions={Uri.EscapeDataString(Extensions(Hash(query)).ToJsonString())}");

        Assert.Equal("Query", registered.Data.GetProperty("registered").GetString());
        Assert.Equal("Query", byPost.Data.GetProperty("registered").GetString());
        Assert.Equal(HttpStatusCode.OK, byGet.Status);
        Assert.Equal("Query", byGet.Data.GetProperty("registered").GetString());
    }

    [Fact]
    public async Task A_hash_that_is_not_the_query_s_SHA_256_is_refused_with_PERSISTED_QUERY_HASH_MISMATCH_and_not_stored()
    {
        const string query = "query Mismatched { mismatched: __typename }";
        var wrong = Hash("query Other { __typename }");

        var refused = await PostAsync(Apq(wrong, query));
        var later = await PostAsync(Apq(wrong));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["PERSISTED_QUERY_HASH_MISMATCH"], refused.ErrorCodes);
        Assert.False(refused.Root.TryGetProperty("data", out _));
        Assert.Equal(["PERSISTED_QUERY_NOT_FOUND"], later.ErrorCodes);
    }

    [Theory]
    [InlineData("""{"version":2,"sha256Hash":"HASH"}""")]
    [InlineData("""{"sha256Hash":"HASH"}""")]
    [InlineData("""{"version":1}""")]
    [InlineData("\"HASH\"")]
    public async Task A_malformed_or_other_version_persistedQuery_is_refused_with_PERSISTED_QUERY_INVALID(string persistedQuery)
    {
        const string query = "{ __typename }";
        var body = new JsonObject
        {
            ["query"] = query,
            ["extensions"] = new JsonObject { ["persistedQuery"] = JsonNode.Parse(persistedQuery.Replace("HASH", Hash(query))) },
        };

        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["PERSISTED_QUERY_INVALID"], response.ErrorCodes);
    }

    [Fact]
    public async Task An_APQ_hash_that_is_not_a_SHA_256_cannot_register_a_document()
    {
        var response = await PostAsync(Apq("0f1e2d3c4b5a69788796a5b4c3d2e1f0", "{ __typename }"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["PERSISTED_QUERY_INVALID"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_stored_document_still_meets_the_limits_each_time_it_runs()
    {
        const string query = "{ a: __typename b: __typename c: __typename d: __typename e: __typename }";

        var registering = await PostAsync(Apq(Hash(query), query));
        var byHash = await PostAsync(Apq(Hash(query)));

        Assert.Equal(["MAX_ALIASES_EXCEEDED"], registering.ErrorCodes);
        Assert.Equal(["MAX_ALIASES_EXCEEDED"], byHash.ErrorCodes);
        Assert.False(byHash.Root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object);
    }

    [Fact]
    public async Task A_stored_mutation_is_still_refused_over_GET_with_405()
    {
        const string mutation = "mutation Stored { registerModel(input: { name: \"apq-get\", task: CLASSIFICATION, owner: \"ml-team\" }) { __typename } }";
        await PostAsync(Apq(Hash(mutation), mutation));

        var response = await GetAsync($"extensions={Uri.EscapeDataString(Extensions(Hash(mutation)).ToJsonString())}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
    }

    [Fact]
    public async Task A_manifest_document_runs_by_documentId_over_POST_and_GET_and_by_APQ_hash()
    {
        var byPost = await PostAsync(new JsonObject { ["documentId"] = PersistedOperationsApiFactory.RelayId });
        var byGet = await GetAsync("documentId=" + PersistedOperationsApiFactory.RelayId);
        var byApq = await PostAsync(Apq(Hash(PersistedOperationsApiFactory.CodegenDocument)));
        var byPrefixedId = await PostAsync(new JsonObject { ["documentId"] = "sha256:" + Hash(PersistedOperationsApiFactory.CodegenDocument) });

        Assert.Equal("Query", byPost.Data.GetProperty("__typename").GetString());
        Assert.Equal("Query", byGet.Data.GetProperty("__typename").GetString());
        Assert.Equal("Query", byApq.Data.GetProperty("codegen").GetString());
        Assert.Equal("Query", byPrefixedId.Data.GetProperty("codegen").GetString());
    }

    [Fact]
    public async Task A_manifest_keyed_sha256_prefixed_ids_serves_them_by_the_bare_hash_too()
    {
        var hash = Hash(PersistedOperationsApiFactory.PrefixedDocument);

        var byPrefixedId = await PostAsync(new JsonObject { ["documentId"] = "sha256:" + hash });
        var byBareId = await PostAsync(new JsonObject { ["documentId"] = hash });
        var byApq = await PostAsync(Apq(hash));

        Assert.Equal("Query", byPrefixedId.Data.GetProperty("prefixed").GetString());
        Assert.Equal("Query", byBareId.Data.GetProperty("prefixed").GetString());
        Assert.Equal("Query", byApq.Data.GetProperty("prefixed").GetString());
    }

    [Fact]
    public async Task An_unknown_documentId_answers_PERSISTED_QUERY_NOT_FOUND()
    {
        var response = await PostAsync(new JsonObject { ["documentId"] = "no-such-document" });

        Assert.Equal(["PERSISTED_QUERY_NOT_FOUND"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_request_with_neither_query_nor_persisted_operation_is_still_a_bad_request()
    {
        var response = await PostAsync(new JsonObject { ["extensions"] = new JsonObject() });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["BAD_REQUEST"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_socket_runs_a_manifest_document_and_an_APQ_hash()
    {
        const string query = "query OverSocket { socket: __typename }";
        await PostAsync(Apq(Hash(query), query));
        await using var socket = await RegistrySocket.ConnectAsync(host, RegistrySocket.TransportWs, TestCredentials.AdminKey);

        await socket.StartAsync("1", new JsonObject { ["documentId"] = PersistedOperationsApiFactory.RelayId });
        await socket.StartAsync("2", new JsonObject { ["extensions"] = Extensions(Hash(query)) });
        var manifest = await socket.AwaitAsync(m => (string?)m["id"] == "1" && (string?)m["type"] == "next");
        var apq = await socket.AwaitAsync(m => (string?)m["id"] == "2" && (string?)m["type"] == "next");

        Assert.Equal("Query", (string?)manifest["payload"]?["data"]?["__typename"]);
        Assert.Equal("Query", (string?)apq["payload"]?["data"]?["socket"]);
    }

    internal static string Hash(string document) => PersistedOperationResolver.Sha256Of(document);

    internal static JsonObject Extensions(string hash)
        => new() { ["persistedQuery"] = new JsonObject { ["version"] = 1, ["sha256Hash"] = hash } };

    internal static JsonObject Apq(string hash, string? query = null)
    {
        var body = new JsonObject { ["extensions"] = Extensions(hash) };
        if (query is not null)
            body["query"] = query;
        return body;
    }

    private Task<GraphQLResponse> PostAsync(JsonObject body, string accept = "application/json") => Post(host, body, accept);

    private async Task<GraphQLResponse> GetAsync(string queryString)
    {
        using var http = host.CreateClient().AsAdmin();
        using var response = await http.GetAsync("/graphql?" + queryString);
        return await GraphQLResponse.ReadAsync(response);
    }

    internal static async Task<GraphQLResponse> Post(RegistryApiFactory factory, JsonObject body, string accept = "application/json")
    {
        using var http = factory.CreateClient().AsAdmin();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd(accept);
        using var response = await http.SendAsync(request);
        return await GraphQLResponse.ReadAsync(response);
    }
}

/// <summary>Only-persisted mode: manifest documents run on every transport, anything else is refused with PERSISTED_QUERY_ONLY.</summary>
public sealed class OnlyPersistedOperationsTests(OnlyPersistedApiFactory host) : IClassFixture<OnlyPersistedApiFactory>
{
    [Fact]
    public async Task A_manifest_document_runs_by_documentId_and_by_hash()
    {
        var byId = await PersistedOperationsTests.Post(host, new JsonObject { ["documentId"] = PersistedOperationsApiFactory.RelayId });
        var byHash = await PersistedOperationsTests.Post(host,
            PersistedOperationsTests.Apq(PersistedOperationsTests.Hash(PersistedOperationsApiFactory.CodegenDocument)));

        Assert.Equal("Query", byId.Data.GetProperty("__typename").GetString());
        Assert.Equal("Query", byHash.Data.GetProperty("codegen").GetString());
    }

    [Fact]
    public async Task An_ad_hoc_document_is_refused_with_PERSISTED_QUERY_ONLY()
    {
        var response = await PersistedOperationsTests.Post(host, new JsonObject { ["query"] = "{ __typename }" });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["PERSISTED_QUERY_ONLY"], response.ErrorCodes);
    }

    [Fact]
    public async Task An_APQ_registration_is_refused_with_PERSISTED_QUERY_ONLY_and_stores_nothing()
    {
        const string query = "query Sneaky { sneaky: __typename }";
        var hash = PersistedOperationsTests.Hash(query);

        var registering = await PersistedOperationsTests.Post(host, PersistedOperationsTests.Apq(hash, query));
        var byHash = await PersistedOperationsTests.Post(host, PersistedOperationsTests.Apq(hash));

        Assert.Equal(["PERSISTED_QUERY_ONLY"], registering.ErrorCodes);
        Assert.Equal(["PERSISTED_QUERY_NOT_FOUND"], byHash.ErrorCodes);
    }

    [Fact]
    public async Task A_manifest_document_sent_with_its_hash_and_text_runs()
    {
        const string document = PersistedOperationsApiFactory.CodegenDocument;

        var response = await PersistedOperationsTests.Post(host,
            PersistedOperationsTests.Apq(PersistedOperationsTests.Hash(document), document));

        Assert.Equal("Query", response.Data.GetProperty("codegen").GetString());
    }

    [Fact]
    public async Task An_ad_hoc_document_over_a_socket_is_refused_with_PERSISTED_QUERY_ONLY()
    {
        await using var socket = await RegistrySocket.ConnectAsync(host, RegistrySocket.TransportWs, TestCredentials.AdminKey);

        await socket.StartAsync("1", "{ __typename }");
        var error = await socket.ReceiveAsync(m => (string?)m["id"] == "1" && (string?)m["type"] == "error");

        Assert.Equal("PERSISTED_QUERY_ONLY", (string?)error["payload"]?[0]?["extensions"]?["code"]);
    }

    [Fact]
    public async Task An_ad_hoc_document_over_an_event_stream_is_refused_with_PERSISTED_QUERY_ONLY()
    {
        using var http = host.CreateClient().AsAdmin();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ __typename }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        using var response = await http.SendAsync(request);

        Assert.Contains("PERSISTED_QUERY_ONLY", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>A manifest that cannot be read stops start-up, naming the file.</summary>
public sealed class PersistedDocumentManifestStartupTests
{
    [Theory]
    [InlineData("""{"abc": 42}""")]
    [InlineData("""["query { __typename }"]""")]
    [InlineData("""{"abc": "query {""")]
    [InlineData(null)]
    public void A_bad_manifest_stops_start_up_with_a_message_naming_the_file(string? content)
    {
        using var factory = new BadManifestFactory(content);

        var failure = Assert.ThrowsAny<Exception>(() => factory.Server);

        var messages = string.Join(" | ", Chain(failure).Select(e => e.Message));
        Assert.Contains(factory.ManifestPath, messages);
    }

    private static IEnumerable<Exception> Chain(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
            yield return error;
    }

    private sealed class BadManifestFactory(string? content) : RegistryApiFactory
    {
        public string ManifestPath => Path.Combine(DataDirectory, "manifest.json");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            Directory.CreateDirectory(DataDirectory);
            if (content is not null)
                File.WriteAllText(ManifestPath, content);
            builder.UseSetting("Registry:GraphQL:PersistedOperations:ManifestPath", ManifestPath);
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (Directory.Exists(DataDirectory))
                Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
