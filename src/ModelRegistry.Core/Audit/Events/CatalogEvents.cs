namespace ModelRegistry.Core.Audit.Events;

/// <summary>DATASET_REGISTERED.</summary>
public sealed record DatasetRegistered(string Name, string? Owner) : IChainedEvent;

/// <summary>DATASET_VERSION_CREATED.</summary>
public sealed record DatasetVersionCreated(string Dataset, string Version, string? Sha256, long? RowCount) : IChainedEvent;

/// <summary>ARTIFACT_UPLOADED.</summary>
public sealed record ArtifactUploaded(string Model, int Version, string Artifact, long SizeBytes, string Sha256, string? ContentType) : IChainedEvent;

/// <summary>ARTIFACT_DELETED.</summary>
public sealed record ArtifactDeleted(string Model, int Version, string Artifact, long SizeBytes, string Sha256) : IChainedEvent;

/// <summary>ARTIFACT_DOWNLOADED: who the bytes went to and which range (null for the whole file).</summary>
public sealed record ArtifactDownloaded(string Model, int Version, string Artifact, string Sha256, string? IssuedTo, string? Range, long Bytes) : IChainedEvent;
