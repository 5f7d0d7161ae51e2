namespace ModelRegistry.Api.Tests.Fixtures;

/// <summary>The GraphQL documents the tests send, with the payload fields a client typically selects.</summary>
public static class Operations
{
    /// <summary>The selection of a payload's typed errors.</summary>
    public const string Errors = "errors { __typename code message field }";

    /// <summary>The fields of a model card.</summary>
    public const string ModelFields = "id name displayName description task owner tags businessContext createdAt createdBy updatedAt";

    /// <summary>The fields of a model version.</summary>
    public const string VersionFields = """
        id number stage description framework hyperparameters trainingParameters tags createdBy createdAt
        model { id name }
        metrics { name value split dataset { id version } }
        sourceCode { repository commit path }
        trainedOn { id version dataset { name } }
        stageHistory { from to by reason at }
        aliases
        """;

    /// <summary>The fields of a deployment.</summary>
    public const string DeploymentFields =
        "id environment endpoint platform status trafficPercent deployedAt deployedBy retiredAt modelVersion { id number } consumers { id name }";

    /// <summary>The fields of a lineage edge.</summary>
    public const string EdgeFields = """
        id relation createdBy createdAt validFrom validTo
        source { __typename ... on ModelVersion { id number } ... on DatasetVersion { id version } ... on Deployment { id environment } ... on ConsumerApplication { id name } }
        target { __typename ... on ModelVersion { id number } ... on DatasetVersion { id version } ... on Deployment { id environment } ... on ConsumerApplication { id name } }
        """;

    /// <summary>registerModel.</summary>
    public const string RegisterModel = $$"""
        mutation($input: RegisterModelInput!) { registerModel(input: $input) { model { {{ModelFields}} } {{Errors}} } }
        """;

    /// <summary>updateModel.</summary>
    public const string UpdateModel = $$"""
        mutation($input: UpdateModelInput!) { updateModel(input: $input) { model { {{ModelFields}} } {{Errors}} } }
        """;

    /// <summary>setModelAlias.</summary>
    public const string SetModelAlias = $$"""
        mutation($input: SetModelAliasInput!) { setModelAlias(input: $input) {
          model { id name aliases { name assignedBy assignedAt version { id number aliases } } } {{Errors}} } }
        """;

    /// <summary>createModelVersion.</summary>
    public const string CreateModelVersion = $$"""
        mutation($input: CreateModelVersionInput!) { createModelVersion(input: $input) { modelVersion { {{VersionFields}} } {{Errors}} } }
        """;

    /// <summary>promoteModelVersion.</summary>
    public const string PromoteModelVersion = $$"""
        mutation($input: PromoteModelVersionInput!) { promoteModelVersion(input: $input) {
          promotionRequest { id targetStage status requestedBy requestedAt reason approvals { by } modelVersion { id } }
          modelVersion { id stage stageHistory { from to by reason } } {{Errors}} } }
        """;

    /// <summary>restoreModelVersion.</summary>
    public const string RestoreModelVersion = $$"""
        mutation($input: RestoreModelVersionInput!) { restoreModelVersion(input: $input) {
          modelVersion { id stage stageHistory { from to by reason } } {{Errors}} } }
        """;

    /// <summary>registerDataset.</summary>
    public const string RegisterDataset = $$"""
        mutation($input: RegisterDatasetInput!) { registerDataset(input: $input) { dataset { id name description owner createdAt } {{Errors}} } }
        """;

    /// <summary>createDatasetVersion.</summary>
    public const string CreateDatasetVersion = $$"""
        mutation($input: CreateDatasetVersionInput!) { createDatasetVersion(input: $input) {
          datasetVersion { id version uri sha256 rowCount createdAt dataset { id name } usedBy { id } } {{Errors}} } }
        """;

    /// <summary>addLineageEdge.</summary>
    public const string AddLineageEdge = $$"""
        mutation($input: AddLineageEdgeInput!) { addLineageEdge(input: $input) { lineageEdge { {{EdgeFields}} } {{Errors}} } }
        """;

    /// <summary>closeLineageEdge.</summary>
    public const string CloseLineageEdge = $$"""
        mutation($input: CloseLineageEdgeInput!) { closeLineageEdge(input: $input) { lineageEdge { {{EdgeFields}} } {{Errors}} } }
        """;

    /// <summary>recordDeployment.</summary>
    public const string RecordDeployment = $$"""
        mutation($input: RecordDeploymentInput!) { recordDeployment(input: $input) { deployment { {{DeploymentFields}} } {{Errors}} } }
        """;

    /// <summary>updateDeploymentStatus.</summary>
    public const string UpdateDeploymentStatus = $$"""
        mutation($input: UpdateDeploymentStatusInput!) { updateDeploymentStatus(input: $input) { deployment { {{DeploymentFields}} } {{Errors}} } }
        """;

    /// <summary>createApiKey.</summary>
    public const string CreateApiKey = $$"""
        mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id name principal prefix } secret {{Errors}} } }
        """;

    /// <summary>grantRole.</summary>
    public const string GrantRole = $$"""
        mutation($input: GrantRoleInput!) { grantRole(input: $input) { roleAssignment { id principal role scope grantedBy } {{Errors}} } }
        """;

    /// <summary>approvePromotion.</summary>
    public const string ApprovePromotion = $$"""
        mutation($input: ApprovePromotionInput!) { approvePromotion(input: $input) {
          promotionRequest { id status approvals { by } modelVersion { id stage } } {{Errors}} } }
        """;

    /// <summary>setPromotionPolicy.</summary>
    public const string SetPromotionPolicy = $$"""
        mutation($input: SetPromotionPolicyInput!) { setPromotionPolicy(input: $input) { promotionPolicy { scope targetStage requiredApprovals } {{Errors}} } }
        """;
}
