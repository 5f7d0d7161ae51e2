using ModelRegistry.GraphQL.Relay;
using ModelRegistry.GraphQL.Tests.Filtering.Fixture;

namespace ModelRegistry.GraphQL.Tests.Filtering;

/// <summary>
/// Every operator on every kind of field, each paired with the same predicate written in C#,
/// evaluated by LINQ-to-objects over the seeded widgets.
/// </summary>
public static class FilterCases
{
    private static readonly DateTime Jan10 = new(2024, 1, 10, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Jan10At9 = new(2024, 1, 10, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Feb04At4 = new(2024, 2, 4, 4, 0, 0, DateTimeKind.Utc);

    /// <summary>where literal → C# oracle. Declared after the dates it reads, which static initialization needs.</summary>
    public static readonly IReadOnlyDictionary<string, Func<Widget, bool>> All = Build();

    private static Dictionary<string, Func<Widget, bool>> Build()
    {
        var cases = new Dictionary<string, Func<Widget, bool>>();
        void Add(string where, Func<Widget, bool> oracle) => cases.Add(where, oracle);

        // Text, required and optional.
        foreach (var (field, get) in new (string, Func<Widget, string?>)[] { ("name", w => w.Name), ("nickname", w => w.Nickname) })
        {
            var value = field == "name" ? "alpha" : "nick1";
            var part = field == "name" ? "lph" : "ick1";
            var prefix = field == "name" ? "Al" : "N";
            var suffix = field == "name" ? "ta" : "2";
            var (has, lacks) = field == "name" ? ("a", "e") : ("ick", "1");
            Add($$"""{ {{field}}: { eq: "{{value}}" } }""", w => get(w) == value);
            Add($$"""{ {{field}}: { neq: "{{value}}" } }""", w => get(w) != value);
            Add($$"""{ {{field}}: { contains: "{{part}}" } }""", w => get(w)?.Contains(part, StringComparison.Ordinal) == true);
            Add($$"""{ {{field}}: { ncontains: "{{part}}" } }""", w => get(w)?.Contains(part, StringComparison.Ordinal) != true);
            Add($$"""{ {{field}}: { startsWith: "{{prefix}}" } }""", w => get(w)?.StartsWith(prefix, StringComparison.Ordinal) == true);
            Add($$"""{ {{field}}: { nstartsWith: "{{prefix}}" } }""", w => get(w)?.StartsWith(prefix, StringComparison.Ordinal) != true);
            Add($$"""{ {{field}}: { endsWith: "{{suffix}}" } }""", w => get(w)?.EndsWith(suffix, StringComparison.Ordinal) == true);
            Add($$"""{ {{field}}: { nendsWith: "{{suffix}}" } }""", w => get(w)?.EndsWith(suffix, StringComparison.Ordinal) != true);
            Add($$"""{ {{field}}: { in: ["{{value}}", "Beta", "Nick2", "none"] } }""", w => get(w) is { } v && (v == value || v == "Beta" || v == "Nick2"));
            Add($$"""{ {{field}}: { nin: ["{{value}}", "Beta", "Nick2"] } }""", w => !(get(w) is { } v && (v == value || v == "Beta" || v == "Nick2")));
            Add($$"""{ {{field}}: { and: [{ contains: "{{has}}" }, { ncontains: "{{lacks}}" }] } }""",
                w => get(w) is { } v && v.Contains(has, StringComparison.Ordinal) && !v.Contains(lacks, StringComparison.Ordinal));
            Add($$"""{ {{field}}: { or: [{ eq: "mu" }, { startsWith: "n" }] } }""", w => get(w) is { } v && (v == "mu" || v.StartsWith('n')));
        }
        Add("""{ nickname: { eq: null } }""", w => w.Nickname is null);
        Add("""{ nickname: { neq: null } }""", w => w.Nickname is not null);
        Add("""{ nickname: { in: ["nick1", null] } }""", w => w.Nickname is null or "nick1");
        Add("""{ nickname: { nin: ["nick1", null] } }""", w => w.Nickname is not (null or "nick1"));

        // Ordered scalars, required and optional.
        Comparable(cases, "rank", "5", 5, "[1, 3, 5]", [1, 3, 5], w => w.Rank);
        Comparable(cases, "priority", "2", 2, "[1, 3, null]", [1, 3], w => w.Priority, nullInList: true);
        Comparable(cases, "size", "12000000000", 12_000_000_000L, "[3000000000, 7000000000]", [3_000_000_000L, 7_000_000_000L], w => w.Size);
        Comparable(cases, "score", "3.5", 3.5, "[-2.5, 0, 3.5]", [-2.5, 0, 3.5], w => w.Score);
        Comparable(cases, "weight", "10", 10.0, "[2.5, 10, null]", [2.5, 10.0], w => w.Weight, nullInList: true);
        Comparable(cases, "createdAt", "\"2024-01-10T09:00:00Z\"", Jan10At9, "[\"2024-01-05T04:00:00Z\", \"2024-01-20T19:00:00Z\"]",
            [new DateTime(2024, 1, 5, 4, 0, 0, DateTimeKind.Utc), new DateTime(2024, 1, 20, 19, 0, 0, DateTimeKind.Utc)], w => w.CreatedAt);
        Comparable(cases, "retiredAt", "\"2024-02-04T04:00:00Z\"", Feb04At4, "[\"2024-02-07T07:00:00Z\", \"2024-03-01T00:00:00Z\"]",
            [new DateTime(2024, 2, 7, 7, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc)], w => w.RetiredAt);
        Add("""{ priority: { eq: null } }""", w => w.Priority is null);
        Add("""{ priority: { neq: null } }""", w => w.Priority is not null);
        Add("""{ createdAt: { gte: "2024-01-10T02:00:00+02:00" } }""", w => w.CreatedAt >= Jan10);
        Add("""{ retiredAt: { eq: null } }""", w => w.RetiredAt is null);

        // Booleans.
        Add("""{ active: { eq: true } }""", w => w.Active);
        Add("""{ active: { neq: true } }""", w => !w.Active);
        Add("""{ verified: { eq: true } }""", w => w.Verified == true);
        Add("""{ verified: { eq: false } }""", w => w.Verified == false);
        Add("""{ verified: { neq: true } }""", w => w.Verified != true);
        Add("""{ verified: { eq: null } }""", w => w.Verified is null);
        Add("""{ verified: { neq: null } }""", w => w.Verified is not null);

        // Enums.
        Add("""{ stage: { eq: RELEASED } }""", w => w.Stage == WidgetStage.Released);
        Add("""{ stage: { neq: RELEASED } }""", w => w.Stage != WidgetStage.Released);
        Add("""{ stage: { in: [DRAFT, RETIRED] } }""", w => w.Stage is WidgetStage.Draft or WidgetStage.Retired);
        Add("""{ stage: { nin: [DRAFT, RETIRED] } }""", w => w.Stage is not (WidgetStage.Draft or WidgetStage.Retired));
        Add("""{ previousStage: { eq: REVIEW } }""", w => w.PreviousStage == WidgetStage.Review);
        Add("""{ previousStage: { neq: REVIEW } }""", w => w.PreviousStage != WidgetStage.Review);
        Add("""{ previousStage: { eq: null } }""", w => w.PreviousStage is null);
        Add("""{ previousStage: { in: [DRAFT, RELEASED] } }""", w => w.PreviousStage is WidgetStage.Draft or WidgetStage.Released);
        Add("""{ previousStage: { nin: [DRAFT, RELEASED] } }""", w => w.PreviousStage is not (WidgetStage.Draft or WidgetStage.Released));

        // Global IDs.
        string W(long key) => GlobalId.Encode("Widget", key);
        string M(long key) => GlobalId.Encode("Maker", key);
        Add($$"""{ id: { eq: "{{W(5)}}" } }""", w => w.Id == 5);
        Add($$"""{ id: { neq: "{{W(5)}}" } }""", w => w.Id != 5);
        Add($$"""{ id: { in: ["{{W(2)}}", "{{W(7)}}", "{{W(99)}}"] } }""", w => w.Id is 2 or 7);
        Add($$"""{ id: { nin: ["{{W(2)}}", "{{W(7)}}"] } }""", w => w.Id is not (2 or 7));
        Add($$"""{ makerId: { eq: "{{M(2)}}" } }""", w => w.MakerId == 2);
        Add($$"""{ makerId: { in: ["{{M(1)}}", "{{M(3)}}"] } }""", w => w.MakerId is 1 or 3);
        Add($$"""{ parentId: { eq: "{{W(5)}}" } }""", w => w.ParentId == 5);
        Add($$"""{ parentId: { neq: "{{W(5)}}" } }""", w => w.ParentId != 5);
        Add("""{ parentId: { eq: null } }""", w => w.ParentId is null);
        Add("""{ parentId: { neq: null } }""", w => w.ParentId is not null);
        Add($$"""{ parentId: { in: ["{{W(1)}}", "{{W(9)}}", null] } }""", w => w.ParentId is null or 1 or 9);
        Add($$"""{ parentId: { nin: ["{{W(1)}}", "{{W(9)}}"] } }""", w => w.ParentId is not (1 or 9));

        // Nested objects, required and optional.
        Add("""{ maker: { name: { eq: "Acme" } } }""", w => w.Maker.Name == "Acme");
        Add("""{ maker: { country: { eq: null } } }""", w => w.Maker.Country is null);
        Add($$"""{ maker: { id: { neq: "{{M(3)}}" } } }""", w => w.Maker.Id != 3);
        Add("""{ parent: { name: { contains: "a" } } }""", w => w.Parent?.Name.Contains('a') == true);
        Add("""{ parent: { rank: { gt: 3 }, maker: { name: { neq: "Acme" } } } }""", w => w.Parent is { Rank: > 3 } p && p.Maker.Name != "Acme");

        // Logical combinations at the top.
        Add("""{ rank: { gt: 2 }, active: { eq: true } }""", w => w.Rank > 2 && w.Active);
        Add("""{ and: [{ rank: { gt: 2 } }, { active: { eq: true } }] }""", w => w.Rank > 2 && w.Active);
        Add("""{ or: [{ stage: { eq: DRAFT } }, { maker: { name: { eq: "Globex" } } }] }""", w => w.Stage == WidgetStage.Draft || w.Maker.Name == "Globex");
        Add("""{ or: [{ rank: { lt: 2 } }, { and: [{ active: { eq: true } }, { score: { gt: 4 } }] }], name: { ncontains: "e" } }""",
            w => (w.Rank < 2 || (w.Active && w.Score > 4)) && !w.Name.Contains('e'));

        // Lists of objects.
        Add("""{ parts: { some: { name: { eq: "bolt" } } } }""", w => w.Parts.Any(p => p.Name == "bolt"));
        Add("""{ parts: { none: { name: { eq: "Bolt" } } } }""", w => !w.Parts.Any(p => p.Name == "Bolt"));
        Add("""{ parts: { all: { weight: { gt: 1 } } } }""", w => w.Parts.All(p => p.Weight > 1));
        Add("""{ parts: { any: true } }""", w => w.Parts.Count > 0);
        Add("""{ parts: { any: false } }""", w => w.Parts.Count == 0);
        Add("""{ parts: { some: { name: { startsWith: "b" }, weight: { lte: 1.5 } }, any: true } }""",
            w => w.Parts.Any(p => p.Name.StartsWith('b') && p.Weight <= 1.5));

        // Lists of strings.
        Add("""{ tags: { some: { eq: "red" } } }""", w => w.Tags.Contains("red"));
        Add("""{ tags: { some: { eq: "Red" } } }""", w => w.Tags.Contains("Red"));
        Add("""{ tags: { all: { startsWith: "r" } } }""", w => w.Tags.All(t => t.StartsWith('r')));
        Add("""{ tags: { none: { contains: "_" } } }""", w => !w.Tags.Any(t => t.Contains('_')));
        Add("""{ tags: { some: { in: ["blue", "green"] } } }""", w => w.Tags.Any(t => t is "blue" or "green"));
        Add("""{ tags: { any: true } }""", w => w.Tags.Count > 0);
        Add("""{ tags: { any: false } }""", w => w.Tags.Count == 0);
        return cases;
    }

    private static void Comparable<TValue>(
        Dictionary<string, Func<Widget, bool>> cases, string field, string literal, TValue value,
        string listLiteral, TValue[] list, Func<Widget, TValue?> get, bool nullInList = false) where TValue : struct, IComparable<TValue>
    {
        Func<Widget, bool> Test(Func<int, bool> accept) => w => get(w) is { } v && accept(v.CompareTo(value));
        var operations = new (string Name, Func<int, bool> Accept)[]
        {
            ("eq", c => c == 0), ("gt", c => c > 0), ("gte", c => c >= 0), ("lt", c => c < 0), ("lte", c => c <= 0),
        };
        foreach (var (name, accept) in operations)
        {
            var positive = Test(accept);
            cases.Add($"{{ {field}: {{ {name}: {literal} }} }}", positive);
            cases.Add($"{{ {field}: {{ {(name == "eq" ? "neq" : "n" + name)}: {literal} }} }}", w => !positive(w));
        }
        bool InList(Widget w) => get(w) is { } v ? list.Contains(v) : nullInList;
        cases.Add($"{{ {field}: {{ in: {listLiteral} }} }}", InList);
        cases.Add($"{{ {field}: {{ nin: {listLiteral} }} }}", w => !InList(w));
    }
}
