using Microsoft.EntityFrameworkCore;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Tests.Filtering.Fixture;

namespace ModelRegistry.GraphQL.Tests.Filtering;

/// <summary>Filters run in the database: the predicate is in the SQL, never evaluated on the client.</summary>
public sealed class FilterSqlTests(WidgetDatabase database) : IClassFixture<WidgetDatabase>
{
    [Fact]
    public async Task Every_kind_of_filter_is_sent_to_SQLite_in_the_WHERE_clause()
    {
        var before = database.Commands.Count;
        var response = await database.ExecuteAsync("""
            { widgets(where: {
                name: { startsWith: "a", nendsWith: "z", ncontains: "q" }
                rank: { gte: 0 }
                parts: { some: { name: { eq: "gear" } } }
                tags: { none: { eq: "never" } }
                maker: { name: { neq: "nobody" } }
                stage: { in: [DRAFT, REVIEW, RELEASED, RETIRED] }
              }) { key } }
            """);

        Assert.Equal([2L], response.WidgetKeys());
        var sql = Assert.Single(database.Commands.Skip(before));
        Assert.Contains("WHERE", sql);
        Assert.Contains("substr(", sql);
        Assert.Contains("instr(", sql);
        Assert.Contains("json_each(", sql);
        Assert.Contains("EXISTS", sql);
        Assert.Contains("INNER JOIN \"Makers\"", sql);
        Assert.DoesNotContain("LIKE", sql);
    }

    [Fact]
    public void Filter_values_are_sent_as_parameters_not_inlined_into_the_SQL()
    {
        var filter = new WidgetFilterInput();
        var predicate = FilterCompiler.Compile(filter, new Dictionary<string, object?>
        {
            ["name"] = new Dictionary<string, object?> { ["contains"] = "secret-value'--" },
        });
        using var db = database.CreateContext();

        var sql = db.Widgets.Where(predicate).ToQueryString();

        Assert.Contains("instr(\"w\".\"Name\", @", sql);
        Assert.DoesNotContain("instr(\"w\".\"Name\", 'secret", sql);
    }

    [Fact]
    public void A_predicate_SQLite_cannot_run_is_refused_so_a_passing_filter_ran_in_SQL()
    {
        using var db = database.CreateContext();
        var untranslatable = db.Widgets.Where(w => string.Equals(w.Name, "alpha", StringComparison.OrdinalIgnoreCase));

        Assert.Throws<InvalidOperationException>(() => untranslatable.ToList());
    }

    [Fact]
    public async Task An_in_list_of_50000_ids_is_one_SQL_parameter_and_returns_the_matches()
    {
        var ids = Enumerable.Range(1, 50_000).Select(i => global::ModelRegistry.GraphQL.Relay.GlobalId.Encode("Widget", i * 3L)).ToList();
        var variables = System.Text.Json.JsonSerializer.Serialize(new { ids });

        var response = await database.ExecuteAsync(
            "query($ids: [ID]) { widgets(where: { id: { in: $ids } }) { key } }", variables);

        Assert.Equal(database.Widgets.Where(w => w.Id % 3 == 0).Select(w => w.Id), response.WidgetKeys());
        Assert.Contains("json_each(", database.Commands.Last());
    }
}
