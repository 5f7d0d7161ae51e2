using GraphQL.Types;
using ModelRegistry.GraphQL.Tests.Filtering.Fixture;

namespace ModelRegistry.GraphQL.Tests.Filtering;

/// <summary>The generated input types carry Hot Chocolate's names and fields, which clients rely on.</summary>
public sealed class FilterSchemaTests(WidgetDatabase database) : IClassFixture<WidgetDatabase>
{
    private const string Comparable = "and: [{0}!], or: [{0}!], eq: {1}, neq: {1}, in: [{1}], nin: [{1}], gt: {1}, ngt: {1}, gte: {1}, ngte: {1}, lt: {1}, nlt: {1}, lte: {1}, nlte: {1}";

    private string Fields(string typeName)
    {
        var type = Assert.IsAssignableFrom<IInputObjectGraphType>(database.Schema.AllTypes[typeName]);
        return string.Join(", ", type.Fields.Select(f => $"{f.Name}: {f.ResolvedType}"));
    }

    [Fact]
    public void StringOperationFilterInput_has_Hot_Chocolate_operations()
        => Assert.Equal(
            "and: [StringOperationFilterInput!], or: [StringOperationFilterInput!], eq: String, neq: String, contains: String, "
            + "ncontains: String, in: [String], nin: [String], startsWith: String, nstartsWith: String, endsWith: String, nendsWith: String",
            Fields("StringOperationFilterInput"));

    [Theory]
    [InlineData("IntOperationFilterInput", "Int")]
    [InlineData("LongOperationFilterInput", "Long")]
    [InlineData("FloatOperationFilterInput", "Float")]
    [InlineData("DateTimeOperationFilterInput", "DateTime")]
    public void Ordered_scalars_have_comparison_operations(string typeName, string scalar)
        => Assert.Equal(string.Format(Comparable, typeName, scalar), Fields(typeName));

    [Theory]
    [InlineData("BooleanOperationFilterInput", "eq: Boolean, neq: Boolean")]
    [InlineData("IdOperationFilterInput", "eq: ID, neq: ID, in: [ID], nin: [ID]")]
    [InlineData("WidgetStageOperationFilterInput", "eq: WidgetStage, neq: WidgetStage, in: [WidgetStage!], nin: [WidgetStage!]")]
    [InlineData("ListFilterInputTypeOfPartFilterInput", "all: PartFilterInput, none: PartFilterInput, some: PartFilterInput, any: Boolean")]
    [InlineData("ListStringOperationFilterInput",
        "all: StringOperationFilterInput, none: StringOperationFilterInput, some: StringOperationFilterInput, any: Boolean")]
    [InlineData("MakerFilterInput",
        "and: [MakerFilterInput!], or: [MakerFilterInput!], id: IdOperationFilterInput, name: StringOperationFilterInput, country: StringOperationFilterInput")]
    [InlineData("WidgetSortInput",
        "id: SortEnumType, name: SortEnumType, nickname: SortEnumType, rank: SortEnumType, priority: SortEnumType, score: SortEnumType, "
        + "createdAt: SortEnumType, active: SortEnumType, stage: SortEnumType, maker: MakerSortInput, parent: WidgetSortInput")]
    public void Generated_inputs_have_the_contract_fields(string typeName, string fields)
        => Assert.Equal(fields, Fields(typeName));

    [Fact]
    public void Entity_filters_type_each_field_by_its_member_kind()
    {
        var fields = Fields("WidgetFilterInput");

        Assert.StartsWith("and: [WidgetFilterInput!], or: [WidgetFilterInput!], id: IdOperationFilterInput, name: StringOperationFilterInput", fields);
        Assert.Contains("priority: IntOperationFilterInput, size: LongOperationFilterInput, score: FloatOperationFilterInput", fields);
        Assert.Contains("retiredAt: DateTimeOperationFilterInput, active: BooleanOperationFilterInput", fields);
        Assert.Contains("stage: WidgetStageOperationFilterInput", fields);
        Assert.EndsWith("maker: MakerFilterInput, parent: WidgetFilterInput, parts: ListFilterInputTypeOfPartFilterInput, tags: ListStringOperationFilterInput", fields);
    }

    [Fact]
    public void Connections_take_where_and_a_list_of_sort_inputs()
    {
        var field = database.Schema.Query.GetField("widgets")!;

        Assert.Equal("WidgetFilterInput", field.Arguments!.Find("where")!.ResolvedType!.ToString());
        Assert.Equal("[WidgetSortInput!]", field.Arguments!.Find("order")!.ResolvedType!.ToString());
        var sortEnum = Assert.IsAssignableFrom<EnumerationGraphType>(database.Schema.AllTypes["SortEnumType"]);
        Assert.Equal(["ASC", "DESC"], sortEnum.Values.Select(v => v.Name));
    }
}
