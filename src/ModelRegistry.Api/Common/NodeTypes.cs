namespace ModelRegistry.Api.Common;

/// <summary>The node type names encoded in global IDs.</summary>
public static class NodeTypes
{
    /// <summary>Model.</summary>
    public const string Model = "Model";
    /// <summary>ModelVersion.</summary>
    public const string ModelVersion = "ModelVersion";
    /// <summary>Dataset.</summary>
    public const string Dataset = "Dataset";
    /// <summary>DatasetVersion.</summary>
    public const string DatasetVersion = "DatasetVersion";
    /// <summary>Deployment.</summary>
    public const string Deployment = "Deployment";
    /// <summary>ConsumerApplication.</summary>
    public const string ConsumerApplication = "ConsumerApplication";
    /// <summary>LineageEdge.</summary>
    public const string LineageEdge = "LineageEdge";
    /// <summary>PromotionRequest.</summary>
    public const string PromotionRequest = "PromotionRequest";
    /// <summary>RoleAssignment.</summary>
    public const string RoleAssignment = "RoleAssignment";
    /// <summary>ApiKey.</summary>
    public const string ApiKey = "ApiKey";
    /// <summary>Webhook.</summary>
    public const string Webhook = "Webhook";
    /// <summary>WebhookDelivery.</summary>
    public const string WebhookDelivery = "WebhookDelivery";
    /// <summary>Artifact.</summary>
    public const string Artifact = "Artifact";
    /// <summary>MonitoringWindow.</summary>
    public const string MonitoringWindow = "MonitoringWindow";
    /// <summary>DriftAlert.</summary>
    public const string DriftAlert = "DriftAlert";
}
