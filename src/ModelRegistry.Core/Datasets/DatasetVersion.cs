namespace ModelRegistry.Core.Datasets;

/// <summary>An immutable snapshot of a dataset, identified by a label unique within the dataset.</summary>
public class DatasetVersion
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>Owning dataset.</summary>
    public long DatasetId { get; set; }
    /// <summary>Navigation to the dataset.</summary>
    public Dataset? Dataset { get; set; }
    /// <summary>Label, e.g. "2026-06" or "v3".</summary>
    public string Version { get; set; } = "";
    /// <summary>Where the data lives.</summary>
    public string? Uri { get; set; }
    /// <summary>Content digest (64 lower-case hex digits).</summary>
    public string? Sha256 { get; set; }
    /// <summary>Number of rows.</summary>
    public long? RowCount { get; set; }
    /// <summary>Registration time (UTC).</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>Who registered it.</summary>
    public string CreatedBy { get; set; } = "";
}
