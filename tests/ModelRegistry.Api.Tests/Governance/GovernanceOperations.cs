namespace ModelRegistry.Api.Tests.Governance;

/// <summary>The GraphQL documents the governance tests send; every mutation selects its typed errors.</summary>
public static class GovernanceOperations
{
    private const string Errors = "errors { __typename code message field }";

    /// <summary>registerModel.</summary>
    public const string RegisterModel = $"mutation($input: RegisterModelInput!) {{ registerModel(input: $input) {{ model {{ id name owner }} {Errors} }} }}";
    /// <summary>updateModel.</summary>
    public const string UpdateModel = $"mutation($input: UpdateModelInput!) {{ updateModel(input: $input) {{ model {{ id }} {Errors} }} }}";
    /// <summary>createModelVersion.</summary>
    public const string CreateModelVersion = $"mutation($input: CreateModelVersionInput!) {{ createModelVersion(input: $input) {{ modelVersion {{ id number stage }} {Errors} }} }}";
    /// <summary>setModelAlias.</summary>
    public const string SetModelAlias = $"mutation($input: SetModelAliasInput!) {{ setModelAlias(input: $input) {{ model {{ id }} {Errors} }} }}";
    /// <summary>registerDataset.</summary>
    public const string RegisterDataset = $"mutation($input: RegisterDatasetInput!) {{ registerDataset(input: $input) {{ dataset {{ id }} {Errors} }} }}";
    /// <summary>createDatasetVersion.</summary>
    public const string CreateDatasetVersion = $"mutation($input: CreateDatasetVersionInput!) {{ createDatasetVersion(input: $input) {{ datasetVersion {{ id }} {Errors} }} }}";
    /// <summary>addLineageEdge.</summary>
    public const string AddLineageEdge = $"mutation($input: AddLineageEdgeInput!) {{ addLineageEdge(input: $input) {{ lineageEdge {{ id }} {Errors} }} }}";
    /// <summary>closeLineageEdge.</summary>
    public const string CloseLineageEdge = $"mutation($input: CloseLineageEdgeInput!) {{ closeLineageEdge(input: $input) {{ lineageEdge {{ id }} {Errors} }} }}";
    /// <summary>recordDeployment.</summary>
    public const string RecordDeployment = $"mutation($input: RecordDeploymentInput!) {{ recordDeployment(input: $input) {{ deployment {{ id status }} {Errors} }} }}";
    /// <summary>deleteArtifact.</summary>
    public const string DeleteArtifact = $"mutation($input: DeleteArtifactInput!) {{ deleteArtifact(input: $input) {{ artifact {{ id }} {Errors} }} }}";
    /// <summary>updateDeploymentStatus.</summary>
    public const string UpdateDeploymentStatus = $"mutation($input: UpdateDeploymentStatusInput!) {{ updateDeploymentStatus(input: $input) {{ deployment {{ id status }} {Errors} }} }}";
    /// <summary>promoteModelVersion.</summary>
    public const string PromoteModelVersion = $"mutation($input: PromoteModelVersionInput!) {{ promoteModelVersion(input: $input) {{ promotionRequest {{ id status requestedBy }} modelVersion {{ id stage }} {Errors} }} }}";
    /// <summary>restoreModelVersion.</summary>
    public const string RestoreModelVersion = $"mutation($input: RestoreModelVersionInput!) {{ restoreModelVersion(input: $input) {{ modelVersion {{ id stage }} {Errors} }} }}";

    /// <summary>renameModel.</summary>
    public const string RenameModel = $"mutation($input: RenameModelInput!) {{ renameModel(input: $input) {{ model {{ id name }} {Errors} }} }}";
    /// <summary>deleteModel.</summary>
    public const string DeleteModel = $"mutation($input: DeleteModelInput!) {{ deleteModel(input: $input) {{ model {{ id deletedAt }} {Errors} }} }}";
    /// <summary>removeModelAlias.</summary>
    public const string RemoveModelAlias = $"mutation($input: RemoveModelAliasInput!) {{ removeModelAlias(input: $input) {{ model {{ id }} {Errors} }} }}";
    /// <summary>setKeyValueTag.</summary>
    public const string SetKeyValueTag = $"mutation($input: SetKeyValueTagInput!) {{ setKeyValueTag(input: $input) {{ model {{ id keyValueTags {{ key value }} }} {Errors} }} }}";
    /// <summary>deleteKeyValueTag.</summary>
    public const string DeleteKeyValueTag = $"mutation($input: DeleteKeyValueTagInput!) {{ deleteKeyValueTag(input: $input) {{ model {{ id }} {Errors} }} }}";
    /// <summary>updateModelVersion.</summary>
    public const string UpdateModelVersion = $"mutation($input: UpdateModelVersionInput!) {{ updateModelVersion(input: $input) {{ modelVersion {{ id description }} {Errors} }} }}";
    /// <summary>deleteModelVersion.</summary>
    public const string DeleteModelVersion = $"mutation($input: DeleteModelVersionInput!) {{ deleteModelVersion(input: $input) {{ modelVersion {{ id deletedAt }} {Errors} }} }}";

    private const string Request = "promotionRequest { id status targetStage requestedBy approvals { by approved comment at } modelVersion { id stage stageHistory { from to by } } }";

    /// <summary>approvePromotion.</summary>
    public const string ApprovePromotion = $"mutation($input: ApprovePromotionInput!) {{ approvePromotion(input: $input) {{ {Request} {Errors} }} }}";
    /// <summary>rejectPromotion.</summary>
    public const string RejectPromotion = $"mutation($input: RejectPromotionInput!) {{ rejectPromotion(input: $input) {{ {Request} {Errors} }} }}";
    /// <summary>cancelPromotion.</summary>
    public const string CancelPromotion = $"mutation($input: CancelPromotionInput!) {{ cancelPromotion(input: $input) {{ {Request} {Errors} }} }}";
    /// <summary>createApiKey.</summary>
    public const string CreateApiKey = $"mutation($input: CreateApiKeyInput!) {{ createApiKey(input: $input) {{ apiKey {{ id name principal prefix revokedAt }} secret {Errors} }} }}";
    /// <summary>revokeApiKey.</summary>
    public const string RevokeApiKey = $"mutation($input: RevokeApiKeyInput!) {{ revokeApiKey(input: $input) {{ apiKey {{ id revokedAt }} {Errors} }} }}";
    /// <summary>grantRole.</summary>
    public const string GrantRole = $"mutation($input: GrantRoleInput!) {{ grantRole(input: $input) {{ roleAssignment {{ id principal role scope }} {Errors} }} }}";
    /// <summary>revokeRole.</summary>
    public const string RevokeRole = $"mutation($input: RevokeRoleInput!) {{ revokeRole(input: $input) {{ roleAssignment {{ id revokedAt }} {Errors} }} }}";
    /// <summary>setDeploymentPolicy.</summary>
    public const string SetDeploymentPolicy = $"mutation($input: SetDeploymentPolicyInput!) {{ setDeploymentPolicy(input: $input) {{ deploymentPolicy {{ scope environment allowedStages }} {Errors} }} }}";

    /// <summary>setPromotionPolicy.</summary>
    public const string SetPromotionPolicy = $"mutation($input: SetPromotionPolicyInput!) {{ setPromotionPolicy(input: $input) {{ promotionPolicy {{ scope targetStage requiredApprovals }} {Errors} }} }}";

    /// <summary>The caller.</summary>
    public const string Me = "{ me { name kind groups roles { principal role scope } } }";

    /// <summary>verifyAuditTrail over the whole log.</summary>
    public const string VerifyAuditTrail = "{ verifyAuditTrail { valid checked firstBrokenSequence } }";
}
