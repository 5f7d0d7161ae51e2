using GraphQL.Types;
using ModelRegistry.Api.Common;

namespace ModelRegistry.Api.Datasets;

/// <summary>Arguments of <c>registerDataset</c>.</summary>
public sealed class RegisterDatasetInput : IMutationInput
{
    /// <summary>Unique, URL-safe name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Free text.</summary>
    public string? Description { get; set; }
    /// <summary>Owning team.</summary>
    public string? Owner { get; set; }
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>RegisterDatasetInput</c> type.</summary>
public sealed class RegisterDatasetInputType : InputObjectGraphType<RegisterDatasetInput>
{
    /// <summary>Declares the fields.</summary>
    public RegisterDatasetInputType()
    {
        Name = "RegisterDatasetInput";
        Field(x => x.Name);
        Field(x => x.Description, nullable: true);
        Field(x => x.Owner, nullable: true);
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records.");
    }
}

/// <summary>Arguments of <c>createDatasetVersion</c>.</summary>
public sealed class CreateDatasetVersionInput : IMutationInput
{
    /// <summary>The dataset's ID.</summary>
    public string DatasetId { get; set; } = "";
    /// <summary>Label, unique within the dataset.</summary>
    public string Version { get; set; } = "";
    /// <summary>Where the data lives.</summary>
    public string? Uri { get; set; }
    /// <summary>Content digest.</summary>
    public string? Sha256 { get; set; }
    /// <summary>Number of rows.</summary>
    public long? RowCount { get; set; }
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>CreateDatasetVersionInput</c> type.</summary>
public sealed class CreateDatasetVersionInputType : InputObjectGraphType<CreateDatasetVersionInput>
{
    /// <summary>Declares the fields.</summary>
    public CreateDatasetVersionInputType()
    {
        Name = "CreateDatasetVersionInput";
        Field<NonNullGraphType<IdGraphType>>("datasetId");
        Field(x => x.Version);
        Field(x => x.Uri, nullable: true);
        Field(x => x.Sha256, nullable: true);
        Field<LongGraphType>("rowCount");
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records.");
    }
}
