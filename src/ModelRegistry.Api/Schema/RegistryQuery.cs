using GraphQL.Types;
using ModelRegistry.Api.Datasets;
using ModelRegistry.Api.Deployments;
using ModelRegistry.Api.Events;
using ModelRegistry.Api.Models;
using ModelRegistry.Api.Search;
using ModelRegistry.Api.Versions;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Schema;

/// <summary>The Query root, assembled from the feature folders.</summary>
public sealed class RegistryQuery : ObjectGraphType
{
    /// <summary>Adds each feature's query fields.</summary>
    public RegistryQuery()
    {
        Name = "Query";
        this.AddNodeFields();
        ModelQueries.AddTo(this);
        VersionQueries.AddTo(this);
        DatasetQueries.AddTo(this);
        DeploymentQueries.AddTo(this);
        EventQueries.AddTo(this);
        Governance.GovernanceQueries.AddTo(this);
        Lineage.LineageQueries.AddTo(this);
        SearchQueries.AddTo(this);
        Reports.ComplianceReportQueries.AddTo(this);
        Webhooks.WebhookQueries.AddTo(this);
        Monitoring.MonitoringFields.AddTo(this);
    }
}
