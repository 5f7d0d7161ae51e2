namespace ModelRegistry.Core.Models;

/// <summary>What kind of problem a model solves.</summary>
public enum ModelTask
{
    /// <summary>Assigns classes.</summary>
    Classification,
    /// <summary>Predicts a number.</summary>
    Regression,
    /// <summary>Orders items.</summary>
    Ranking,
    /// <summary>Predicts future values of a series.</summary>
    Forecasting,
    /// <summary>Groups items.</summary>
    Clustering,
    /// <summary>Generates content.</summary>
    Generation,
    /// <summary>Maps items to vectors.</summary>
    Embedding,
    /// <summary>Anything else.</summary>
    Other,
}
