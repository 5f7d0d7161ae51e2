using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace ModelRegistry.Infrastructure.Search;

/// <summary>
/// SQL LIKE and ILIKE with one meaning on every provider, as MLflow's search filters use them: <c>%</c> any run of
/// characters, <c>_</c> one character; LIKE is case-sensitive, ILIKE is not.
/// </summary>
public interface ILikeDialect
{
    /// <summary>A test of <paramref name="member"/> (a string expression) against <paramref name="pattern"/>.</summary>
    Expression Like(Expression member, string pattern, bool ignoreCase);
}

/// <summary>SQLite: its LIKE ignores ASCII case, so a case-sensitive LIKE is a GLOB with the same wildcards.</summary>
public sealed class SqliteLikeDialect : ILikeDialect
{
    /// <inheritdoc />
    public Expression Like(Expression member, string pattern, bool ignoreCase)
        => ignoreCase
            ? Call(nameof(DbFunctionsExtensions.Like), typeof(DbFunctionsExtensions), member, pattern)
            : Call(nameof(SqliteDbFunctionsExtensions.Glob), typeof(SqliteDbFunctionsExtensions), member, ToGlob(pattern));

    /// <summary>The GLOB pattern matching what a LIKE pattern matches: % → *, _ → ?, GLOB's own specials bracketed.</summary>
    public static string ToGlob(string like)
    {
        var glob = new StringBuilder(like.Length + 8);
        foreach (var c in like)
            glob.Append(c switch { '%' => "*", '_' => "?", '*' => "[*]", '?' => "[?]", '[' => "[[]", _ => c.ToString() });
        return glob.ToString();
    }

    internal static Expression Call(string method, Type extensions, Expression member, string pattern)
    {
        var info = extensions.GetMethod(method, [typeof(DbFunctions), typeof(string), typeof(string)])!;
        return Expression.Call(info, Expression.Constant(EF.Functions), member, LikeParameter.Of(pattern));
    }
}

/// <summary>PostgreSQL: LIKE is case-sensitive and ILIKE is not, as MLflow means them.</summary>
public sealed class PostgresLikeDialect : ILikeDialect
{
    /// <inheritdoc />
    public Expression Like(Expression member, string pattern, bool ignoreCase)
        => ignoreCase
            ? SqliteLikeDialect.Call(nameof(NpgsqlDbFunctionsExtensions.ILike), typeof(NpgsqlDbFunctionsExtensions), member, pattern)
            : SqliteLikeDialect.Call(nameof(DbFunctionsExtensions.Like), typeof(DbFunctionsExtensions), member, pattern);
}

/// <summary>Holds a pattern so EF Core sends it as a SQL parameter.</summary>
internal sealed class LikeParameter(string value)
{
    public string Value { get; } = value;

    public static Expression Of(string pattern) => Expression.Property(Expression.Constant(new LikeParameter(pattern)), nameof(Value));
}
