namespace ModelRegistry.Core.Monitoring;

/// <summary>How far live traffic has moved from the baseline; declared in the client contract's order.</summary>
public enum DriftStatus
{
    /// <summary>No usable data: no window yet, an empty answer, or edges that do not match the baseline.</summary>
    Unknown,
    /// <summary>Every measured statistic is under the warning threshold.</summary>
    None,
    /// <summary>At least one feature crossed the warning threshold.</summary>
    Warning,
    /// <summary>At least one feature crossed the drift threshold.</summary>
    Drifting,
}

/// <summary>Orders drift statuses from healthiest to worst, for "worst of" roll-ups.</summary>
public static class DriftSeverity
{
    /// <summary>
    /// NONE &lt; UNKNOWN &lt; WARNING &lt; DRIFTING: an unmeasured feature is not evidence of health, so it outranks NONE,
    /// but a measured shift always outranks not knowing.
    /// </summary>
    public static int Rank(DriftStatus status) => status switch
    {
        DriftStatus.None => 0,
        DriftStatus.Unknown => 1,
        DriftStatus.Warning => 2,
        _ => 3,
    };

    /// <summary>
    /// A deployment's status from its latest window, raised to WARNING while one of its alerts is unresolved (OPEN or
    /// ACKNOWLEDGED): an alert closes only after enough healthy windows, so a window without data, or a first healthy
    /// one, must not report the deployment as fine or unknown while the registry still holds it drifting.
    /// </summary>
    public static DriftStatus WithUnresolvedAlerts(DriftStatus? latestWindow, bool hasUnresolvedAlert)
    {
        var status = latestWindow ?? DriftStatus.Unknown;
        return hasUnresolvedAlert && Rank(status) < Rank(DriftStatus.Warning) ? DriftStatus.Warning : status;
    }

    /// <summary>The worst of <paramref name="statuses"/>; UNKNOWN when there are none.</summary>
    public static DriftStatus Worst(IEnumerable<DriftStatus> statuses)
    {
        DriftStatus? worst = null;
        foreach (var status in statuses)
            if (worst is null || Rank(status) > Rank(worst.Value))
                worst = status;
        return worst ?? DriftStatus.Unknown;
    }
}
