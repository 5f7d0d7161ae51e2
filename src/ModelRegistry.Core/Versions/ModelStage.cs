namespace ModelRegistry.Core.Versions;

/// <summary>The lifecycle stage of a model version.</summary>
public enum ModelStage
{
    /// <summary>Just trained; not yet validated.</summary>
    Development,
    /// <summary>Under validation before production.</summary>
    Staging,
    /// <summary>Approved for production use.</summary>
    Production,
    /// <summary>Retired; only an explicit restore brings it back.</summary>
    Archived,
}
