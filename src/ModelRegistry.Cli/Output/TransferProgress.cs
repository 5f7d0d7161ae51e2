using Spectre.Console;

namespace ModelRegistry.Cli.Output;

/// <summary>Runs file transfers one after another, with a progress bar per file (bytes, speed, time left) unless quiet.</summary>
public static class TransferProgress
{
    /// <summary>
    /// Transfers each of <paramref name="items"/> with <paramref name="transfer"/>, which reports bytes as they move.
    /// <paramref name="quiet"/> (for <c>--json</c>) draws nothing, so stdout stays one JSON document.
    /// </summary>
    public static async Task<List<TResult>> RunAsync<TItem, TResult>(IAnsiConsole console, bool quiet, IReadOnlyList<TItem> items,
        Func<TItem, (string Name, long Size)> describe, Func<TItem, Action<long>, Task<TResult>> transfer)
    {
        var results = new List<TResult>();
        if (quiet || items.Count == 0)
        {
            foreach (var item in items)
                results.Add(await transfer(item, _ => { }));
            return results;
        }
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(),
                new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                foreach (var item in items)
                {
                    var (name, size) = describe(item);
                    var bar = progress.AddTask(Markup.Escape(name), maxValue: Math.Max(1, size));
                    results.Add(await transfer(item, bytes => bar.Increment(bytes)));
                    bar.Value = bar.MaxValue;
                }
            });
        return results;
    }
}
