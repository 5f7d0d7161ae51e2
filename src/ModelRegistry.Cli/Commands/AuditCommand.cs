using System.CommandLine;
using System.Globalization;
using ModelRegistry.Cli.Audit;
using ModelRegistry.Cli.Registry;
using Spectre.Console;

namespace ModelRegistry.Cli.Commands;

/// <summary>
/// <c>modelreg audit export [--from N] [--to M] [--out FILE]</c> saves the registry's audit trail as JSON Lines (global
/// ADMIN or AUDITOR); <c>modelreg audit verify FILE [--public-key PEM]</c> checks such a file with no server and exits 2
/// naming the first bad sequence.
/// </summary>
public static class AuditCommand
{
    /// <summary>Builds the command and its two verbs.</summary>
    public static Command Create(CommandBinder binder)
    {
        var audit = new Command("audit", "Export the audit trail and verify an export offline");
        audit.Subcommands.Add(Export(binder));
        audit.Subcommands.Add(Verify(binder));
        return audit;
    }

    private static Command Export(CommandBinder binder)
    {
        var from = new Option<long?>("--from") { Description = "First sequence to export (default: 1)" };
        var to = new Option<long?>("--to") { Description = "Last sequence to export (default: the head of the log)" };
        var output = new Option<string?>("--out") { Description = "File to write (default: stdout)" };
        var command = new Command("export", "Save audit events as JSON Lines with a signed manifest (ADMIN or AUDITOR)") { from, to, output };
        return binder.Bind(command, async (session, ct) =>
        {
            var query = string.Join('&', new[] { ("from", session.Parse.GetValue(from)), ("to", session.Parse.GetValue(to)) }
                .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2!.Value.ToString(CultureInfo.InvariantCulture)}"));
            var url = new Uri(session.Http.Connection.BaseUrl, "audit/export" + (query.Length > 0 ? "?" + query : ""));
            using var response = await session.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), ct);
            if (!response.IsSuccessStatusCode)
                throw await ArtifactTransfer.RefusalAsync(response, "audit export", ct);
            var path = session.Parse.GetValue(output) is { } given ? session.Host.ResolvePath(given) : null;
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            if (path is null)
            {
                // The export is the output: written as received, so the signed bytes stay exactly the registry's.
                await session.Host.Out.FlushAsync(ct);
                await using var stdout = Console.OpenStandardOutput();
                await body.CopyToAsync(stdout, ct);
                return;
            }
            var partial = path + ".partial";
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write))
                await body.CopyToAsync(file, ct);
            File.Move(partial, path, overwrite: true);
            await using var written = File.OpenRead(path);
            var verdict = AuditFileVerifier.Verify(written, null);
            if (session.Json)
                session.WriteJson(new { path, events = verdict.Events, firstSequence = verdict.FirstSequence, lastSequence = verdict.LastSequence, headHash = verdict.HeadHash });
            else
                session.Console.MarkupLineInterpolated($"Wrote {verdict.Events} events ({verdict.FirstSequence}..{verdict.LastSequence}, head {verdict.HeadHash}) to {path}.");
        });
    }

    private static Command Verify(CommandBinder binder)
    {
        var file = new Argument<string>("file") { Description = "An export written by 'modelreg audit export' or GET /audit/export" };
        var publicKey = new Option<string?>("--public-key")
        {
            Description = "The registry's report signing public key (PEM, served at /.well-known/model-registry/report-signing-key.pem) to check the signature",
        };
        var command = new Command("verify", "Check an audit export's hash chain and manifest without the registry") { file, publicKey };
        return binder.Bind(command, (session, _) =>
        {
            var path = session.Host.ResolvePath(session.Parse.GetValue(file)!);
            if (!File.Exists(path))
                throw CliFailure.Usage($"No file at {path}.");
            var keyPath = session.Parse.GetValue(publicKey) is { } k ? session.Host.ResolvePath(k) : null;
            if (keyPath is not null && !File.Exists(keyPath))
                throw CliFailure.Usage($"No public key at {keyPath}.");
            AuditFileVerdict verdict;
            using (var stream = File.OpenRead(path))
                verdict = AuditFileVerifier.Verify(stream, keyPath is null ? null : File.ReadAllText(keyPath));
            if (!verdict.Valid)
                throw CliFailure.Refused("AUDIT_EXPORT_INVALID", verdict.FailedSequence is { } sequence
                    ? $"sequence {sequence} (line {verdict.FailedLine}): {verdict.Problem}"
                    : $"{(verdict.FailedLine is { } line ? $"line {line}: " : "")}{verdict.Problem}");
            if (session.Json)
                session.WriteJson(verdict);
            else
                session.Console.MarkupLineInterpolated(
                    $"[green]VALID[/]: {verdict.Events} events, sequences {verdict.FirstSequence}..{verdict.LastSequence}, head {verdict.HeadHash}; signature {verdict.Signature}.");
            return Task.CompletedTask;
        });
    }
}
