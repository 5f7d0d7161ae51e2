namespace ModelRegistry.Core.Datasets;

/// <summary>A named data set whose versions models are trained and evaluated on.</summary>
public class Dataset
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>Unique, URL-safe name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Free text.</summary>
    public string? Description { get; set; }
    /// <summary>Owning team.</summary>
    public string? Owner { get; set; }
    /// <summary>Registration time (UTC).</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>Who registered it.</summary>
    public string CreatedBy { get; set; } = "";
    /// <summary>Its versions.</summary>
    public List<DatasetVersion> Versions { get; set; } = [];
}
