namespace ModelRegistry.GraphQL.Tests.Filtering.Fixture;

/// <summary>Lifecycle stage of a widget; exposed as enum WidgetStage { DRAFT REVIEW RELEASED RETIRED }.</summary>
public enum WidgetStage
{
    /// <summary>Being drafted.</summary>
    Draft,
    /// <summary>Under review.</summary>
    Review,
    /// <summary>Released.</summary>
    Released,
    /// <summary>Retired.</summary>
    Retired,
}

/// <summary>The test entity: one member of every filterable kind.</summary>
public sealed class Widget
{
    /// <summary>Key, exposed as a global ID of type "Widget".</summary>
    public long Id { get; set; }
    /// <summary>Required text.</summary>
    public string Name { get; set; } = "";
    /// <summary>Optional text.</summary>
    public string? Nickname { get; set; }
    /// <summary>32-bit integer.</summary>
    public int Rank { get; set; }
    /// <summary>Optional 32-bit integer.</summary>
    public int? Priority { get; set; }
    /// <summary>64-bit integer with values beyond the 32-bit range.</summary>
    public long Size { get; set; }
    /// <summary>Floating point.</summary>
    public double Score { get; set; }
    /// <summary>Optional floating point.</summary>
    public double? Weight { get; set; }
    /// <summary>UTC timestamp.</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>Optional UTC timestamp.</summary>
    public DateTime? RetiredAt { get; set; }
    /// <summary>Boolean.</summary>
    public bool Active { get; set; }
    /// <summary>Optional boolean.</summary>
    public bool? Verified { get; set; }
    /// <summary>Enum.</summary>
    public WidgetStage Stage { get; set; }
    /// <summary>Optional enum.</summary>
    public WidgetStage? PreviousStage { get; set; }
    /// <summary>Required reference key, exposed as a global ID of type "Maker".</summary>
    public long MakerId { get; set; }
    /// <summary>Required nested object.</summary>
    public Maker Maker { get; set; } = null!;
    /// <summary>Optional self reference key.</summary>
    public long? ParentId { get; set; }
    /// <summary>Optional nested object.</summary>
    public Widget? Parent { get; set; }
    /// <summary>List of objects.</summary>
    public List<Part> Parts { get; set; } = [];
    /// <summary>List of strings, stored as an EF Core primitive collection.</summary>
    public List<string> Tags { get; set; } = [];
}

/// <summary>The nested object of a widget.</summary>
public sealed class Maker
{
    /// <summary>Key.</summary>
    public long Id { get; set; }
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Optional country code.</summary>
    public string? Country { get; set; }
}

/// <summary>An element of a widget's list of objects.</summary>
public sealed class Part
{
    /// <summary>Key.</summary>
    public long Id { get; set; }
    /// <summary>Owning widget.</summary>
    public long WidgetId { get; set; }
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Weight.</summary>
    public double Weight { get; set; }
}
