namespace ModelRegistry.Cli.Registry;

/// <summary>The GraphQL documents the CLI sends, written against the registry's published schema.</summary>
public static class Documents
{
    /// <summary>Who the API key acts as; null without valid credentials.</summary>
    public const string Me = "query { me { name kind roles { role scope } } }";

    /// <summary>One page of models, optionally of one owning team.</summary>
    public const string Models = """
        query($first: Int, $after: String, $where: ModelFilterInput) {
          models(first: $first, after: $after, where: $where, order: [{ name: ASC }]) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes { id name task owner createdAt latestVersion { number stage } }
          }
        }
        """;

    /// <summary>A model's card, with its aliases.</summary>
    public const string Model = """
        query($name: String!) {
          model(name: $name) {
            id name displayName description task owner tags createdAt createdBy
            aliases { name version { number } }
          }
        }
        """;

    /// <summary>One page of a model's versions, oldest first.</summary>
    public const string ModelVersions = """
        query($name: String!, $after: String) {
          model(name: $name) {
            versions(first: 100, after: $after, order: [{ number: ASC }]) {
              pageInfo { hasNextPage endCursor }
              nodes { id number stage createdAt createdBy aliases metrics { name value split } sourceCode { commit } }
            }
          }
        }
        """;

    /// <summary>One version of a model by number, with its stage.</summary>
    public const string Version = """
        query($name: String!, $number: Int!) {
          model(name: $name) { id version(number: $number) { id number stage } }
        }
        """;

    /// <summary>One version's artifacts and the URLs to fetch them from.</summary>
    public const string VersionArtifacts = """
        query($name: String!, $number: Int!) {
          model(name: $name) {
            version(number: $number) { id number artifacts { id name sizeBytes sha256 contentType uploadedAt downloadUrl } }
          }
        }
        """;

    /// <summary>A dataset by name and the one version with the given label.</summary>
    public const string DatasetVersion = """
        query($name: String!, $version: String!) {
          datasets(first: 1, where: { name: { eq: $name } }) {
            nodes { id name versions(first: 1, where: { version: { eq: $version } }) { nodes { id version } } }
          }
        }
        """;

    /// <summary>Registers a model.</summary>
    public const string RegisterModel = """
        mutation($input: RegisterModelInput!) {
          registerModel(input: $input) { model { id name } errors { code message field } }
        }
        """;

    /// <summary>Creates a version; its trainedOn list becomes live TRAINED_ON lineage edges in the same transaction.</summary>
    public const string CreateModelVersion = """
        mutation($input: CreateModelVersionInput!) {
          createModelVersion(input: $input) {
            modelVersion { id number stage trainedOn { id version dataset { name } } }
            errors { code message field }
          }
        }
        """;

    /// <summary>Requests a stage change.</summary>
    public const string Promote = """
        mutation($input: PromoteModelVersionInput!) {
          promoteModelVersion(input: $input) {
            promotionRequest { id status targetStage approvals { by approved } }
            modelVersion { id number stage }
            errors { code message field }
          }
        }
        """;

    /// <summary>The lineage picture around one node.</summary>
    public const string Lineage = """
        query($nodeId: ID!, $direction: LineageDirection, $depth: Int) {
          lineage(nodeId: $nodeId, direction: $direction, depth: $depth) {
            root { ...lineageNode }
            nodes { ...lineageNode }
            edges { relation source { ...lineageNode } target { ...lineageNode } }
            hiddenNodes
            truncated
          }
        }
        fragment lineageNode on LineageNode {
          __typename
          ... on ModelVersion { id number stage model { name } }
          ... on DatasetVersion { id version dataset { name } }
          ... on Deployment { id environment status }
          ... on ConsumerApplication { id name }
        }
        """;
}
