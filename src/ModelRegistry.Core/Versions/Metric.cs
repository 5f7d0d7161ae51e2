using ModelRegistry.Core.Datasets;

namespace ModelRegistry.Core.Versions;

/// <summary>One evaluation figure of a version, optionally tied to a split and a dataset version.</summary>
public class Metric
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>The version measured.</summary>
    public long ModelVersionId { get; set; }
    /// <summary>Metric name, e.g. "auc".</summary>
    public string Name { get; set; } = "";
    /// <summary>The figure.</summary>
    public double Value { get; set; }
    /// <summary>Data split, e.g. "test".</summary>
    public string? Split { get; set; }
    /// <summary>Dataset version evaluated on, if known.</summary>
    public long? DatasetVersionId { get; set; }
    /// <summary>Navigation to the dataset version.</summary>
    public DatasetVersion? DatasetVersion { get; set; }
}
