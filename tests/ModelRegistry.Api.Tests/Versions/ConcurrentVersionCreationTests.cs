using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Core.Audit;

namespace ModelRegistry.Api.Tests.Versions;

/// <summary>Many clients creating versions of one model at the same moment.</summary>
public sealed class ConcurrentVersionCreationTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private const int Clients = 20;

    [Fact]
    public async Task Twenty_concurrent_creations_get_numbers_1_to_20_and_gap_free_audit_sequences()
    {
        var client = factory.GraphQL();
        var modelId = await client.RegisterModelAsync();
        var before = (await factory.AuditEventsAsync()).Count;

        // Separate HttpClients so the requests really overlap on the server.
        var responses = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ =>
            factory.GraphQL().MutateAsync(Operations.CreateModelVersion, new { modelId })));

        var numbers = responses.Select(r => r.GetProperty("modelVersion").GetProperty("number").GetInt32()).Order().ToList();
        Assert.Equal(Enumerable.Range(1, Clients), numbers);
        var ids = responses.Select(r => r.GetProperty("modelVersion").GetProperty("id").GetString()).ToHashSet();
        Assert.Equal(Clients, ids.Count);

        var events = await factory.AuditEventsAsync();
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        var created = events.Skip(before).ToList();
        Assert.Equal(Clients, created.Count(e => e.Type == EventTypes.VersionCreated));
        Assert.Equal(ids.Select(id => Ids.KeyOf(id!)).Order(), created.Select(e => e.SubjectId).Order());

        var versions = await client.QueryAsync("query($id: ID!) { node(id: $id) { ... on Model { latestVersion { number } versions(first: 100) { totalCount } } } }",
            new { id = modelId });
        Assert.Equal(Clients, versions.GetProperty("node").GetProperty("latestVersion").GetProperty("number").GetInt32());
        Assert.Equal(Clients, versions.GetProperty("node").GetProperty("versions").GetProperty("totalCount").GetInt32());
    }
    [Fact]
    public async Task Four_clients_each_creating_five_versions_in_one_document_get_every_number_from_1_to_20()
    {
        var modelId = await factory.GraphQL().RegisterModelAsync();
        // Root mutation fields run one after another in one request scope; each must see what the other clients committed.
        var fields = string.Join(' ', Enumerable.Range(0, 5).Select(i => $"a{i}: createModelVersion(input: {{ modelId: $m }}) {{ modelVersion {{ number }} errors {{ code }} }}"));
        var document = $"mutation($m: ID!) {{ {fields} }}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => factory.GraphQL().SendAsync(document, new { m = modelId })));

        foreach (var response in responses)
            response.AssertNoErrors();
        var numbers = responses
            .SelectMany(r => r.Data.EnumerateObject())
            .Select(field => field.Value.GetProperty("modelVersion").GetProperty("number").GetInt32())
            .Order();
        Assert.Equal(Enumerable.Range(1, 20), numbers);
    }
}
