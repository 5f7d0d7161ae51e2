using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Versions;
using ModelRegistry.Infrastructure.Search;

namespace ModelRegistry.Api.Mlflow;

/// <summary>MLflow search filters, orders and page tokens applied to registry queries, in SQL on every provider.</summary>
public static class MlflowSearch
{
    /// <summary>The models a filter selects.</summary>
    public static IQueryable<Model> FilterModels(IQueryable<Model> query, string? filter, ILikeDialect like)
    {
        foreach (var clause in MlflowFilter.Parse(filter, MlflowFilter.ModelKeys))
            query = clause.TagKey is { } key
                ? query.Where(TagTest<Model, ModelKeyValueTag>(m => m.KeyValueTags, t => t.Key, t => t.Value, key, clause, like))
                : query.Where(TextTest<Model>(m => m.Name, clause, like));
        return query;
    }

    /// <summary>The versions a filter selects.</summary>
    public static IQueryable<ModelVersion> FilterVersions(IQueryable<ModelVersion> query, string? filter, ILikeDialect like)
    {
        foreach (var clause in MlflowFilter.Parse(filter, MlflowFilter.VersionKeys))
        {
            query = clause switch
            {
                { TagKey: { } key } => query.Where(TagTest<ModelVersion, VersionKeyValueTag>(v => v.KeyValueTags, t => t.Key, t => t.Value, key, clause, like)),
                { Key: "name" } => query.Where(TextTest<ModelVersion>(v => v.Model!.Name, clause, like)),
                { Key: "run_id", Comparator: "IN" } => query.Where(InTest(clause.Values)),
                { Key: "run_id" } => query.Where(TextTest<ModelVersion>(v => v.RunId, clause, like)),
                { Key: "source_path" } => query.Where(TextTest<ModelVersion>(v => v.Source, clause, like)),
                _ => query.Where(NumberTest(clause)),
            };
        }
        return query;
    }

    /// <summary>Models in the order <paramref name="orderBy"/> asks (default: name), ties broken by name.</summary>
    public static IQueryable<Model> OrderModels(IQueryable<Model> query, IReadOnlyList<string> orderBy)
    {
        IOrderedQueryable<Model>? ordered = null;
        var seen = new HashSet<string>();
        foreach (var (key, descending) in OrderKeys(orderBy, ["name", "timestamp", "last_updated_timestamp", "creation_timestamp"]))
        {
            var column = key is "timestamp" or "last_updated_timestamp" ? "last_updated_timestamp" : key;
            if (!seen.Add(column))
                throw MlflowError.InvalidParameter($"`order_by` contains duplicate fields: {string.Join(", ", orderBy)}");
            ordered = column switch
            {
                "name" => Then(ordered, query, m => m.Name, descending),
                "creation_timestamp" => Then(ordered, query, m => m.CreatedAt, descending),
                _ => Then(ordered, query, m => m.UpdatedAt, descending),
            };
        }
        if (!seen.Contains("name"))
            ordered = Then(ordered, query, m => m.Name, false);
        return Then(ordered, query, m => m.Id, false);
    }

    /// <summary>Versions in the order <paramref name="orderBy"/> asks; by default last updated first, then name, then newest number.</summary>
    public static IQueryable<ModelVersion> OrderVersions(IQueryable<ModelVersion> query, IReadOnlyList<string> orderBy)
    {
        IOrderedQueryable<ModelVersion>? ordered = null;
        var seen = new HashSet<string>();
        foreach (var (key, descending) in OrderKeys(orderBy, ["name", "version_number", "creation_timestamp", "last_updated_timestamp", "timestamp"]))
        {
            var column = key == "timestamp" ? "creation_timestamp" : key;
            if (!seen.Add(column))
                throw MlflowError.InvalidParameter($"`order_by` contains duplicate fields: {string.Join(", ", orderBy)}");
            ordered = column switch
            {
                "name" => Then(ordered, query, v => v.Model!.Name, descending),
                "version_number" => Then(ordered, query, v => v.Number, descending),
                "creation_timestamp" => Then(ordered, query, v => v.CreatedAt, descending),
                _ => Then(ordered, query, v => v.UpdatedAt, descending),
            };
        }
        // MLflow's default: last updated first.
        if (orderBy.Count == 0)
            ordered = Then(ordered, query, v => v.UpdatedAt, true);
        if (!seen.Contains("name"))
            ordered = Then(ordered, query, v => v.Model!.Name, false);
        if (!seen.Contains("version_number"))
            ordered = Then(ordered, query, v => v.Number, true);
        return Then(ordered, query, v => v.Id, false);
    }

    /// <summary>The offset a page token stands for (0 without one); INVALID_PARAMETER_VALUE when it is not one of ours.</summary>
    public static int Offset(string? pageToken)
    {
        if (string.IsNullOrEmpty(pageToken))
            return 0;
        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(pageToken));
            if (document.RootElement.TryGetProperty("offset", out var offset) && offset.TryGetInt32(out var value) && value >= 0)
                return value;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
        }
        throw MlflowError.InvalidParameter("Invalid page token, could not base64-decode it into a JSON offset.");
    }

    /// <summary>The token of the page that starts at <paramref name="offset"/>.</summary>
    public static string Token(int offset)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"offset\": {offset}}}")));

    private static IEnumerable<(string Key, bool Descending)> OrderKeys(IReadOnlyList<string> orderBy, string[] allowed)
    {
        foreach (var clause in orderBy)
        {
            var parts = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var key = parts.Length > 0 ? parts[0].Trim('`') : "";
            if (key.StartsWith("attributes.", StringComparison.Ordinal))
                key = key["attributes.".Length..];
            if (parts.Length is 0 or > 2 || !allowed.Contains(key)
                || (parts.Length == 2 && !parts[1].Equals("ASC", StringComparison.OrdinalIgnoreCase) && !parts[1].Equals("DESC", StringComparison.OrdinalIgnoreCase)))
                throw MlflowError.InvalidParameter($"Invalid order_by clause '{clause}'. Only {string.Join(", ", allowed)} are allowed, each optionally followed by ASC or DESC.");
            yield return (key, parts.Length == 2 && parts[1].Equals("DESC", StringComparison.OrdinalIgnoreCase));
        }
    }

    private static IOrderedQueryable<T> Then<T, TKey>(IOrderedQueryable<T>? ordered, IQueryable<T> query, Expression<Func<T, TKey>> key, bool descending)
        => ordered is null
            ? descending ? query.OrderByDescending(key) : query.OrderBy(key)
            : descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);

    private static Expression<Func<T, bool>> TextTest<T>(Expression<Func<T, string?>> selector, MlflowClause clause, ILikeDialect like)
    {
        var member = selector.Body;
        var value = Parameter(clause.Value);
        Expression test = clause.Comparator switch
        {
            "=" => Expression.Equal(member, value),
            // MLflow's != keeps rows with no value at all (SQL's NULL would drop them).
            "!=" => Expression.OrElse(Expression.Equal(member, Expression.Constant(null, typeof(string))), Expression.NotEqual(member, value)),
            "LIKE" => Expression.AndAlso(Expression.NotEqual(member, Expression.Constant(null, typeof(string))), like.Like(member, clause.Value, ignoreCase: false)),
            _ => Expression.AndAlso(Expression.NotEqual(member, Expression.Constant(null, typeof(string))), like.Like(member, clause.Value, ignoreCase: true)),
        };
        return Expression.Lambda<Func<T, bool>>(test, selector.Parameters);
    }

    // tags.k = 'v' and LIKE/ILIKE: some tag k whose value matches. tags.k != 'v': no tag k with value v, so an untagged row
    // passes, which is what MLflow 3's ``tag.`mlflow.prompt.is_prompt` != 'true'`` relies on.
    private static Expression<Func<T, bool>> TagTest<T, TTag>(
        Expression<Func<T, IEnumerable<TTag>>> tags, Expression<Func<TTag, string>> keyOf, Expression<Func<TTag, string>> valueOf,
        string key, MlflowClause clause, ILikeDialect like)
    {
        var tag = valueOf.Parameters[0];
        var keyTest = Expression.Equal(new Rebind(keyOf.Parameters[0], tag).Visit(keyOf.Body)!, Parameter(key));
        var valueClause = clause with { Comparator = clause.Comparator == "!=" ? "=" : clause.Comparator };
        var valueTest = TextTest(Expression.Lambda<Func<TTag, string?>>(valueOf.Body, tag), valueClause, like).Body;
        var inner = Expression.Lambda<Func<TTag, bool>>(Expression.AndAlso(keyTest, valueTest), tag);
        var any = Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [typeof(TTag)], tags.Body, inner);
        return Expression.Lambda<Func<T, bool>>(clause.Comparator == "!=" ? Expression.Not(any) : any, tags.Parameters);
    }

    private static Expression<Func<ModelVersion, bool>> InTest(IReadOnlyList<string> runIds)
    {
        var ids = runIds.Distinct().ToList();
        return v => v.RunId != null && ids.Contains(v.RunId);
    }

    private static Expression<Func<ModelVersion, bool>> NumberTest(MlflowClause clause)
    {
        var number = long.Parse(clause.Value, CultureInfo.InvariantCulture);
        var n = (int)Math.Clamp(number, int.MinValue, int.MaxValue);
        return clause.Comparator switch
        {
            "=" => v => v.Number == number,
            "!=" => v => v.Number != number,
            "<" => v => v.Number < n,
            "<=" => v => v.Number <= n,
            ">" => v => v.Number > n,
            _ => v => v.Number >= n,
        };
    }

    private static Expression Parameter(string value) => Expression.Property(Expression.Constant(new Holder(value)), nameof(Holder.Value));

    private sealed class Holder(string value)
    {
        public string Value { get; } = value;
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
