using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Governance;
using ModelRegistry.Core.Promotions;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Api.Versions;

/// <summary>The <c>CreateModelVersionPayload</c> type.</summary>
public sealed class CreateModelVersionPayloadType() : PayloadType<ModelVersion, ModelVersionType>("CreateModelVersionPayload", "modelVersion");

/// <summary>The <c>RestoreModelVersionPayload</c> type.</summary>
public sealed class RestoreModelVersionPayloadType() : PayloadType<ModelVersion, ModelVersionType>("RestoreModelVersionPayload", "modelVersion");

/// <summary>The <c>UpdateModelVersionPayload</c> type.</summary>
public sealed class UpdateModelVersionPayloadType() : PayloadType<ModelVersion, ModelVersionType>("UpdateModelVersionPayload", "modelVersion");

/// <summary>The <c>DeleteModelVersionPayload</c> type: the version as kept, with <c>deletedAt</c>.</summary>
public sealed class DeleteModelVersionPayloadType() : PayloadType<ModelVersion, ModelVersionType>("DeleteModelVersionPayload", "modelVersion");

/// <summary>The <c>PromoteModelVersionPayload</c> type: the request and the version as it now stands.</summary>
public sealed class PromoteModelVersionPayloadType : ObjectGraphType<Payload<PromotionOutcome>>
{
    /// <summary>Declares the fields.</summary>
    public PromoteModelVersionPayloadType()
    {
        Name = "PromoteModelVersionPayload";
        Field<PromotionRequestType>("promotionRequest").Resolve(c => c.Source.Value?.Request);
        Field<ModelVersionType>("modelVersion").Resolve(c => c.Source.Value?.Version);
        this.AddErrorsField(p => p.Errors);
    }
}
