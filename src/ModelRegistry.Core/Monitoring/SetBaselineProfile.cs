using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Versions;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Monitoring;

/// <summary>One feature of a baseline as submitted: edges and counts for a histogram, or categories and counts.</summary>
public sealed record FeatureProfileInput(string Feature, IReadOnlyList<double>? BucketEdges, IReadOnlyList<string>? Categories, IReadOnlyList<double> Counts);

/// <summary>Input of <see cref="SetBaselineProfile"/>.</summary>
public sealed record SetBaselineProfileCommand(long ModelVersionId, IReadOnlyList<FeatureProfileInput> Features);

/// <summary>Replaces a version's baseline profile, the distributions live traffic is compared against.</summary>
public sealed class SetBaselineProfile(RegistryWriter writer)
{
    /// <summary>Most features one profile may hold.</summary>
    public const int MaxFeatures = 500;

    /// <summary>Most bins one feature may hold.</summary>
    public const int MaxBins = 1000;

    /// <summary>Runs the use case.</summary>
    public Task<Result<ModelVersion>> ExecuteAsync(SetBaselineProfileCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<ModelVersion>(async w =>
        {
            var loaded = await w.VersionForAsync(command.ModelVersionId, Role.Contributor, "set baselines of this model", cancellationToken);
            if (loaded.Error is { } refused)
                return refused;
            var version = loaded.Value!;
            if (Check(command.Features) is { } error)
                return error;

            var existing = await w.Db.FeatureBaselines.Where(b => b.ModelVersionId == version.Id).ToListAsync(cancellationToken);
            w.Db.FeatureBaselines.RemoveRange(existing);
            await w.Db.SaveChangesAsync(cancellationToken);
            var ordinal = 0;
            foreach (var f in command.Features)
                w.Db.FeatureBaselines.Add(new FeatureBaseline
                {
                    ModelVersionId = version.Id, Feature = f.Feature, Ordinal = ordinal++,
                    BucketEdges = f.BucketEdges?.ToArray(), Categories = f.BucketEdges is null ? f.Categories!.ToArray() : null,
                    Counts = f.Counts.ToArray(),
                });
            w.Audit(EventTypes.BaselineProfileSet, nameof(ModelVersion), version.Id, version.ModelId,
                new BaselineProfileSet(version.Model!.Name, version.Number, [.. command.Features.Select(f => f.Feature)]));
            return version;
        }, cancellationToken);

    /// <summary>The first rule the profile breaks, or null.</summary>
    public static DomainError? Check(IReadOnlyList<FeatureProfileInput> features)
    {
        if (features.Count is 0 or > MaxFeatures)
            return DomainError.Invalid($"A baseline needs between 1 and {MaxFeatures} features.", "features");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < features.Count; i++)
        {
            var f = features[i];
            var field = $"features[{i}]";
            if (Rules.CheckRequired(f.Feature, field + ".feature", 200) is { } nameError)
                return nameError;
            if (!seen.Add(f.Feature))
                return DomainError.Invalid($"The feature '{f.Feature}' appears twice.", field + ".feature");
            if ((f.BucketEdges is null ? CheckCategories(f, field) : CheckHistogram(f, field)) is { } error)
                return error;
            if (f.Counts.Any(c => !double.IsFinite(c) || c < 0))
                return DomainError.Invalid($"The counts of '{f.Feature}' must be finite and non-negative.", field + ".counts");
            if (f.Counts.Sum() <= 0)
                return DomainError.Invalid($"The counts of '{f.Feature}' add up to zero: a baseline needs observations.", field + ".counts");
        }
        return null;
    }

    private static DomainError? CheckHistogram(FeatureProfileInput f, string field)
    {
        var edges = f.BucketEdges!;
        if (f.Categories is { Count: > 0 })
            return DomainError.Invalid($"'{f.Feature}' has both bucket edges and categories; give one.", field + ".categories");
        if (edges.Count is 0 or >= MaxBins)
            return DomainError.Invalid($"'{f.Feature}' needs between 1 and {MaxBins - 1} bucket edges.", field + ".bucketEdges");
        if (edges.Any(e => !double.IsFinite(e)))
            return DomainError.Invalid($"The bucket edges of '{f.Feature}' must be finite; the +Inf bucket is implied.", field + ".bucketEdges");
        for (var j = 1; j < edges.Count; j++)
            if (edges[j] <= edges[j - 1])
                return DomainError.Invalid($"The bucket edges of '{f.Feature}' must be strictly increasing ({edges[j - 1]} then {edges[j]}).", field + ".bucketEdges");
        return f.Counts.Count == edges.Count + 1
            ? null
            : DomainError.Invalid(
                $"'{f.Feature}' has {edges.Count} bucket edges, so it needs {edges.Count + 1} counts (the last for +Inf), not {f.Counts.Count}.",
                field + ".counts");
    }

    private static DomainError? CheckCategories(FeatureProfileInput f, string field)
    {
        var categories = f.Categories;
        if (categories is null || categories.Count == 0 || categories.Count > MaxBins)
            return DomainError.Invalid(
                $"'{f.Feature}' needs bucket edges (a histogram) or between 1 and {MaxBins} categories (frequencies).", field + ".categories");
        if (categories.Any(string.IsNullOrEmpty) || categories.Distinct(StringComparer.Ordinal).Count() != categories.Count)
            return DomainError.Invalid($"The categories of '{f.Feature}' must be non-empty and distinct.", field + ".categories");
        return f.Counts.Count == categories.Count
            ? null
            : DomainError.Invalid($"'{f.Feature}' has {categories.Count} categories but {f.Counts.Count} counts.", field + ".counts");
    }
}
