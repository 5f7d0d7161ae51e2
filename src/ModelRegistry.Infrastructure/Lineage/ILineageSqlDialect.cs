namespace ModelRegistry.Infrastructure.Lineage;

/// <summary>A parameterised SQL statement; parameters are referenced as <c>{0}</c>, <c>{1}</c>… in the text.</summary>
/// <param name="Sql">The statement text.</param>
/// <param name="Parameters">Parameter values, by placeholder index.</param>
public sealed record LineageWalkStatement(string Sql, object[] Parameters);

/// <summary>
/// The database-specific text of the lineage walk: one recursive statement that returns every edge reached
/// within the requested depth as <see cref="LineageWalkRow"/> rows, each with the smallest hop it was reached at.
/// </summary>
public interface ILineageSqlDialect
{
    /// <summary>Builds the walk statement for a request.</summary>
    LineageWalkStatement BuildWalk(LineageWalkRequest request);
}
