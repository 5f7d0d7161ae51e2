namespace ModelRegistry.Core.Abstractions;

/// <summary>
/// The head sequence recorded in the database file itself, outside the audit table: deleting rows from the table leaves
/// it where it was, while restoring an older file brings the older value back. Compared with the anchor, it tells a cut
/// tail from a restored copy.
/// </summary>
public interface IAuditHeadMarker
{
    /// <summary>Records <paramref name="sequence"/> as the head, inside the current transaction.</summary>
    Task SetAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>The recorded head (0 when none was recorded).</summary>
    Task<long> GetAsync(CancellationToken cancellationToken);
}
