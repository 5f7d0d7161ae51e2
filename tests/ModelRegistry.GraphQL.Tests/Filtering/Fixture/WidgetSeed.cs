namespace ModelRegistry.GraphQL.Tests.Filtering.Fixture;

/// <summary>Deterministic test data with every kind of value the filters distinguish: nulls, case, wildcards, astral characters.</summary>
public static class WidgetSeed
{
    private static readonly string[] Names =
    [
        "Alpha", "alpha", "ALPHA beta", "r_s", "r-s", "rxs", "50%", "50x", "beta", "Beta", "gamma_ray", "Gamma",
        "delta", "Delta-9", "epsilon", "Ünïcode", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "😀smile",
    ];

    private static readonly string[] PartNames = ["bolt", "nut", "Bolt", "gear"];
    private static readonly string[] TagPool = ["red", "Red", "blue", "r_s", "green"];

    /// <summary>The makers.</summary>
    public static List<Maker> Makers() =>
    [
        new() { Id = 1, Name = "Acme", Country = "DE" },
        new() { Id = 2, Name = "Globex", Country = null },
        new() { Id = 3, Name = "Initech", Country = "US" },
    ];

    /// <summary>The widgets, with Maker, Parent and Parts set so LINQ-to-objects can evaluate the same predicates.</summary>
    public static List<Widget> Widgets(IReadOnlyList<Maker> makers)
    {
        var widgets = new List<Widget>();
        for (var i = 1; i <= Names.Length; i++)
        {
            var created = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i).AddHours(i);
            var widget = new Widget
            {
                Id = i,
                Name = Names[i - 1],
                Nickname = i % 3 == 0 ? null : (i % 2 == 0 ? "Nick" : "nick") + i,
                Rank = i * 7 % 10,
                Priority = i % 4 == 0 ? null : i % 5,
                Size = i * 1_000_000_000L,
                Score = i * 0.5 - 3.0,
                Weight = i % 5 == 0 ? null : i * 1.25,
                CreatedAt = created,
                RetiredAt = i % 3 == 1 ? created.AddDays(30) : null,
                Active = i % 2 == 0,
                Verified = i % 3 == 0 ? null : i % 3 == 1,
                Stage = (WidgetStage)(i % 4),
                PreviousStage = i % 5 == 0 ? null : (WidgetStage)((i + 1) % 4),
                MakerId = i % 3 + 1,
                Maker = makers[i % 3],
                ParentId = i > 3 && i % 4 == 0 ? i - 3 : null,
                Parts = i % 4 == 1
                    ? []
                    : Enumerable.Range(0, i % 3 + 1)
                        .Select(k => new Part { Id = i * 10 + k, WidgetId = i, Name = PartNames[(i + k) % 4], Weight = (i + k) % 7 * 0.5 })
                        .ToList(),
                Tags = i % 5 == 0 ? [] : TagPool.Where((_, bit) => (i >> bit & 1) == 1).DefaultIfEmpty("plain").ToList(),
            };
            widgets.Add(widget);
        }
        foreach (var widget in widgets.Where(w => w.ParentId is not null))
            widget.Parent = widgets.Single(w => w.Id == widget.ParentId);
        return widgets;
    }
}
