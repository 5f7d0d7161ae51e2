using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.GraphQL.Scalars;

namespace ModelRegistry.Api.Versions;

/// <summary>Arguments of <c>createModelVersion</c>.</summary>
public sealed class CreateModelVersionInput : IMutationInput
{
    /// <summary>The model's ID.</summary>
    public string ModelId { get; set; } = "";
    /// <summary>Free text.</summary>
    public string? Description { get; set; }
    /// <summary>Training framework.</summary>
    public string? Framework { get; set; }
    /// <summary>Any JSON value.</summary>
    public object? Hyperparameters { get; set; }
    /// <summary>Any JSON value.</summary>
    public object? TrainingParameters { get; set; }
    /// <summary>Evaluation metrics.</summary>
    public List<MetricInput>? Metrics { get; set; }
    /// <summary>Tags.</summary>
    public List<string>? Tags { get; set; }
    /// <summary>The training code.</summary>
    public SourceCodeInput? SourceCode { get; set; }
    /// <summary>IDs of the dataset versions trained on.</summary>
    public List<string>? TrainedOn { get; set; }
    /// <summary>Where the model's files live (MLflow's source).</summary>
    public string? Source { get; set; }
    /// <summary>The training run (MLflow's run_id).</summary>
    public string? RunId { get; set; }
    /// <summary>A link to the run (MLflow's run_link).</summary>
    public string? RunLink { get; set; }
    /// <summary>Key/value tags (MLflow's model-version tags).</summary>
    public List<Models.KeyValueTagInput>? KeyValueTags { get; set; }
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>One metric of <see cref="CreateModelVersionInput"/>.</summary>
public sealed class MetricInput
{
    /// <summary>Metric name.</summary>
    public string Name { get; set; } = "";
    /// <summary>The figure.</summary>
    public double Value { get; set; }
    /// <summary>Data split.</summary>
    public string? Split { get; set; }
    /// <summary>ID of the dataset version evaluated on.</summary>
    public string? DatasetVersionId { get; set; }
}

/// <summary>The training code of <see cref="CreateModelVersionInput"/>.</summary>
public sealed class SourceCodeInput
{
    /// <summary>Repository.</summary>
    public string Repository { get; set; } = "";
    /// <summary>Commit.</summary>
    public string Commit { get; set; } = "";
    /// <summary>Path.</summary>
    public string? Path { get; set; }
}

/// <summary>The <c>CreateModelVersionInput</c> type.</summary>
public sealed class CreateModelVersionInputType : InputObjectGraphType<CreateModelVersionInput>
{
    /// <summary>Declares the fields.</summary>
    public CreateModelVersionInputType()
    {
        Name = "CreateModelVersionInput";
        Field<NonNullGraphType<IdGraphType>>("modelId");
        Field(x => x.Description, nullable: true);
        Field(x => x.Framework, nullable: true);
        Field<JsonGraphType>("hyperparameters");
        Field<JsonGraphType>("trainingParameters");
        Field<ListGraphType<NonNullGraphType<MetricInputType>>>("metrics");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags");
        Field<SourceCodeInputType>("sourceCode");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("trainedOn");
        Field(x => x.Source, nullable: true).Description("Where the model's files live, e.g. s3://bucket/model; must not contain '..'.");
        Field(x => x.RunId, nullable: true).Description("The training run that produced the version.");
        Field(x => x.RunLink, nullable: true).Description("A link to the training run.");
        Field<ListGraphType<NonNullGraphType<Models.KeyValueTagInputType>>>("keyValueTags").Description("Key/value tags; a later duplicate of a key wins.");
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records.");
    }
}

/// <summary>The <c>MetricInput</c> type.</summary>
public sealed class MetricInputType : InputObjectGraphType<MetricInput>
{
    /// <summary>Declares the fields.</summary>
    public MetricInputType()
    {
        Name = "MetricInput";
        Field(x => x.Name);
        Field(x => x.Value);
        Field(x => x.Split, nullable: true);
        Field<IdGraphType>("datasetVersionId");
    }
}

/// <summary>The <c>SourceCodeInput</c> type.</summary>
public sealed class SourceCodeInputType : InputObjectGraphType<SourceCodeInput>
{
    /// <summary>Declares the fields.</summary>
    public SourceCodeInputType()
    {
        Name = "SourceCodeInput";
        Field(x => x.Repository);
        Field(x => x.Commit);
        Field(x => x.Path, nullable: true);
    }
}

/// <summary>Arguments of <c>updateModelVersion</c>.</summary>
public sealed class UpdateModelVersionInput : IMutationInput
{
    /// <summary>The version's ID.</summary>
    public string Id { get; set; } = "";
    /// <summary>The new description; null or empty clears it.</summary>
    public string? Description { get; set; }
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>UpdateModelVersionInput</c> type.</summary>
public sealed class UpdateModelVersionInputType : InputObjectGraphType<UpdateModelVersionInput>
{
    /// <summary>Declares the fields.</summary>
    public UpdateModelVersionInputType()
    {
        Name = "UpdateModelVersionInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field(x => x.Description, nullable: true).Description("The new description; null or empty clears it.");
        Field(x => x.Reason, nullable: true);
    }
}

/// <summary>Arguments of <c>deleteModelVersion</c>.</summary>
public sealed class DeleteModelVersionInput : IMutationInput
{
    /// <summary>The version's ID.</summary>
    public string Id { get; set; } = "";
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>DeleteModelVersionInput</c> type.</summary>
public sealed class DeleteModelVersionInputType : InputObjectGraphType<DeleteModelVersionInput>
{
    /// <summary>Declares the fields.</summary>
    public DeleteModelVersionInputType()
    {
        Name = "DeleteModelVersionInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field(x => x.Reason, nullable: true);
    }
}
