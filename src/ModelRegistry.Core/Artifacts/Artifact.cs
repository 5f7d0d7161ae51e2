using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.Artifacts;

/// <summary>A file of a model version (weights, tokenizer, config): its name, size and SHA-256, and where the store keeps its bytes.</summary>
public class Artifact
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>The version the file belongs to.</summary>
    public long ModelVersionId { get; set; }
    /// <summary>Navigation to the version.</summary>
    public ModelVersion? ModelVersion { get; set; }
    /// <summary>File name, unique per version.</summary>
    public string Name { get; set; } = "";
    /// <summary>Length in bytes.</summary>
    public long SizeBytes { get; set; }
    /// <summary>SHA-256 of the bytes, lower-case hex, computed by the server while storing them.</summary>
    public string Sha256 { get; set; } = "";
    /// <summary>Media type the uploader declared.</summary>
    public string? ContentType { get; set; }
    /// <summary>The store's key for the bytes; never shown to clients.</summary>
    public string StorageKey { get; set; } = "";
    /// <summary>When the bytes were recorded (UTC).</summary>
    public DateTime UploadedAt { get; set; }
    /// <summary>Who uploaded them.</summary>
    public string UploadedBy { get; set; } = "";
}
