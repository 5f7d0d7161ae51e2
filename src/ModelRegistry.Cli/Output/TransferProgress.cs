using Spectre.Console;

namespace ModelRegistry.Cli.Output;

/// <summary>The progress display shared by uploads and downloads: one bar per file, with bytes, speed and time left.</summary>
public static class TransferProgress
{
    /// <summary>A progress display on <paramref name="console"/>.</summary>
    public static Progress Create(IAnsiConsole console) => console.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(),
            new TransferSpeedColumn(), new RemainingTimeColumn());
}
