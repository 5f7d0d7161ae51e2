using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Sorting;

namespace ModelRegistry.GraphQL.Tests.Filtering.Fixture;

/// <summary>where input of widgets: every kind of filter field.</summary>
public sealed class WidgetFilterInput : FilterInputType<Widget>
{
    /// <summary>Declares the fields.</summary>
    public WidgetFilterInput()
    {
        Name = "WidgetFilterInput";
        Id(x => x.Id, "Widget");
        Filter(x => x.Name);
        Filter(x => x.Nickname);
        Filter(x => x.Rank);
        Filter(x => x.Priority);
        Filter(x => x.Size);
        Filter(x => x.Score);
        Filter(x => x.Weight);
        Filter(x => x.CreatedAt);
        Filter(x => x.RetiredAt);
        Filter(x => x.Active);
        Filter(x => x.Verified);
        Filter(x => x.Stage);
        Filter(x => x.PreviousStage);
        Id(x => x.MakerId, "Maker");
        Id(x => x.ParentId, "Widget");
        Object<MakerFilterInput>(x => x.Maker);
        Object<WidgetFilterInput>(x => x.Parent);
        ListOf<PartFilterInput>(x => x.Parts);
        Filter(x => x.Tags);
    }
}

/// <summary>where input of makers.</summary>
public sealed class MakerFilterInput : FilterInputType<Maker>
{
    /// <summary>Declares the fields.</summary>
    public MakerFilterInput()
    {
        Name = "MakerFilterInput";
        Id(x => x.Id, "Maker");
        Filter(x => x.Name);
        Filter(x => x.Country);
    }
}

/// <summary>where input of parts.</summary>
public sealed class PartFilterInput : FilterInputType<Part>
{
    /// <summary>Declares the fields.</summary>
    public PartFilterInput()
    {
        Name = "PartFilterInput";
        Filter(x => x.Name);
        Filter(x => x.Weight);
    }
}

/// <summary>order input of widgets.</summary>
public sealed class WidgetSortInput : SortInputType<Widget>
{
    /// <summary>Declares the keys.</summary>
    public WidgetSortInput()
    {
        Name = "WidgetSortInput";
        Sort(x => x.Id);
        Sort(x => x.Name);
        Sort(x => x.Nickname);
        Sort(x => x.Rank);
        Sort(x => x.Priority);
        Sort(x => x.Score);
        Sort(x => x.CreatedAt);
        Sort(x => x.Active);
        Sort(x => x.Stage);
        Object<MakerSortInput>(x => x.Maker);
        Object<WidgetSortInput>(x => x.Parent);
    }
}

/// <summary>order input of makers.</summary>
public sealed class MakerSortInput : SortInputType<Maker>
{
    /// <summary>Declares the keys.</summary>
    public MakerSortInput()
    {
        Name = "MakerSortInput";
        Sort(x => x.Name);
        Sort(x => x.Country);
    }
}
