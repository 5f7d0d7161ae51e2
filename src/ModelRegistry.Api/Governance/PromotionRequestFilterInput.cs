using ModelRegistry.Api.Common;
using ModelRegistry.Api.Versions;
using ModelRegistry.Core.Promotions;
using ModelRegistry.Core.Versions;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.GraphQL.Sorting;

namespace ModelRegistry.Api.Governance;

/// <summary><c>PromotionRequestFilterInput</c>.</summary>
public sealed class PromotionRequestFilterInput : FilterInputType<PromotionRequest>
{
    /// <summary>Declares the fields.</summary>
    public PromotionRequestFilterInput()
    {
        Name = "PromotionRequestFilterInput";
        Id(r => r.Id, NodeTypes.PromotionRequest);
        Filter(r => r.Status);
        Filter(r => r.TargetStage);
        Filter(r => r.RequestedBy);
        Filter(r => r.RequestedAt);
        Filter(r => r.Reason);
        Object<ModelVersionFilterInput>(r => r.ModelVersion);
    }
}

/// <summary><c>PromotionRequestSortInput</c>.</summary>
public sealed class PromotionRequestSortInput : SortInputType<PromotionRequest>
{
    /// <summary>Declares the fields.</summary>
    public PromotionRequestSortInput()
    {
        Name = "PromotionRequestSortInput";
        Sort(r => r.Id);
        Sort(r => r.RequestedAt);
        Sort(r => r.RequestedBy);
        Sort(EnumSortKey.Rank<PromotionRequest, PromotionStatus>(r => r.Status), "status");
        Sort(EnumSortKey.Rank<PromotionRequest, ModelStage>(r => r.TargetStage), "targetStage");
    }
}

/// <summary><c>PromotionRequestsConnection</c> / <c>PromotionRequestsEdge</c>.</summary>
public sealed class PromotionRequestsConnectionType() : ConnectionType<PromotionRequestType>("PromotionRequests");
