using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelRegistry.Cli.Tests.Fixtures;

namespace ModelRegistry.Cli.Tests.Audit;

/// <summary>
/// <c>modelreg audit export</c> against the real Api, then <c>modelreg audit verify</c> and the documented Python checker
/// (docs/verify_audit.py) on the file with no server: both accept it, and both name the same first bad sequence once one
/// byte is flipped. The trail holds non-ASCII and astral (emoji) text, whose lengths the canonical form counts in UTF-16
/// code units.
/// </summary>
public sealed partial class AuditExportTests(RegistryServer server) : IClassFixture<RegistryServer>, IDisposable
{
    private const string AstralReason = "Prüfung durch die Aufsicht 🧪📈 — zweite Runde";
    private const string AstralDescription = "Ünïcödé 𝔡𝔢𝔰𝔠𝔯𝔦𝔭𝔱𝔦𝔬𝔫 with emoji 😀 and CJK 模型";
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task An_export_verifies_offline_with_the_CLI_and_the_python_checker_and_its_signature_checks()
    {
        var astralSequence = await ArrangeTrailAsync("cli-audit-valid");
        await UseAuditorAsync("auditor-valid");
        var key = _cli.WriteFile("report-signing-key.pem", await PublicKeyAsync());

        var export = await _cli.RunAsync("audit", "export", "--out", "trail.jsonl", "--json");
        Assert.True(export.ExitCode == 0, export.ToString());
        var path = Path.Combine(_cli.Root, "trail.jsonl");
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        var astral = lines.Select(l => JsonDocument.Parse(l).RootElement).Single(e => e.TryGetProperty("sequence", out var s) && s.GetInt64() == astralSequence);
        Assert.Equal(AstralReason, astral.GetProperty("reason").GetString());
        Assert.Equal(AstralDescription, JsonDocument.Parse(astral.GetProperty("payload").GetString()!).RootElement.GetProperty("description").GetString());
        // The reason is stored as typed, so its astral characters are in the canonical string, counted as two units each.
        Assert.Contains($"{AstralReason.Length}:{AstralReason}|", astral.GetProperty("canonical").GetString());

        var verify = await _cli.RunAsync("audit", "verify", "trail.jsonl", "--public-key", key, "--json");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.True(verify.Json().GetProperty("valid").GetBoolean());
        Assert.Equal("valid", verify.Json().GetProperty("signature").GetString());
        var head = verify.Json().GetProperty("headHash").GetString();
        Assert.Equal(export.Json().GetProperty("headHash").GetString(), head);
        var python = RunPython(path);
        Assert.True(python.ExitCode == 0, python.Output);
        Assert.Contains($"head {head}", python.Output);
    }

    [Fact]
    public async Task A_signature_checked_with_another_key_fails_after_the_chain_passed()
    {
        await ArrangeTrailAsync("cli-audit-other-key");
        await UseAuditorAsync("auditor-other-key");
        Assert.Equal(0, (await _cli.RunAsync("audit", "export", "--out", "trail.jsonl")).ExitCode);
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var key = _cli.WriteFile("other-key.pem", other.ExportSubjectPublicKeyInfoPem());

        var verify = await _cli.RunAsync("audit", "verify", "trail.jsonl", "--public-key", key);

        Assert.Equal(ExitCodes.Refused, verify.ExitCode);
        Assert.Equal("error: AUDIT_EXPORT_INVALID: the signature does not match the file under the given public key.", verify.Stderr.Trim());
    }

    [Fact]
    public async Task One_flipped_byte_fails_both_checkers_at_the_same_exact_sequence()
    {
        var astralSequence = await ArrangeTrailAsync("cli-audit-flip");
        await UseAuditorAsync("auditor-flip");
        Assert.Equal(0, (await _cli.RunAsync("audit", "export", "--out", "trail.jsonl")).ExitCode);
        var bytes = File.ReadAllBytes(Path.Combine(_cli.Root, "trail.jsonl"));
        // Change one letter of the astral event's reason: 'P' of "Prüfung" becomes 'Q'.
        var line = LineStart(bytes, astralSequence);
        var at = IndexOf(bytes, "\"reason\":\"P"u8.ToArray(), line) + "\"reason\":\""u8.Length;
        bytes[at] = (byte)'Q';
        var flipped = Path.Combine(_cli.Root, "flipped.jsonl");
        File.WriteAllBytes(flipped, bytes);

        var verify = await _cli.RunAsync("audit", "verify", "flipped.jsonl");
        Assert.Equal(ExitCodes.Refused, verify.ExitCode);
        Assert.StartsWith($"error: AUDIT_EXPORT_INVALID: sequence {astralSequence} (", verify.Stderr);
        var python = RunPython(flipped);
        Assert.Equal(1, python.ExitCode);
        Assert.StartsWith($"INVALID: sequence {astralSequence} (", python.Output);
        Assert.Equal(FirstBadSequence(verify.Stderr), FirstBadSequence(python.Output));
    }

    [Fact]
    public async Task A_range_exports_only_its_events_and_a_reversed_range_is_refused_with_VALIDATION_FAILED()
    {
        await ArrangeTrailAsync("cli-audit-range");
        await UseAuditorAsync("auditor-range");

        var export = await _cli.RunAsync("audit", "export", "--from", "2", "--to", "4", "--out", "part.jsonl", "--json");
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal(3, export.Json().GetProperty("events").GetInt64());
        Assert.Equal(0, (await _cli.RunAsync("audit", "verify", "part.jsonl")).ExitCode);
        Assert.Equal(0, RunPython(Path.Combine(_cli.Root, "part.jsonl")).ExitCode);
        var reversed = await _cli.RunAsync("audit", "export", "--from", "4", "--to", "2", "--out", "bad.jsonl");
        Assert.Equal(ExitCodes.Refused, reversed.ExitCode);
        Assert.StartsWith("error: VALIDATION_FAILED:", reversed.Stderr);
        Assert.False(File.Exists(Path.Combine(_cli.Root, "bad.jsonl")));
    }

    [Fact]
    public async Task A_cut_file_fails_as_cut_short()
    {
        await ArrangeTrailAsync("cli-audit-cut");
        await UseAuditorAsync("auditor-cut");
        Assert.Equal(0, (await _cli.RunAsync("audit", "export", "--out", "trail.jsonl")).ExitCode);
        var lines = File.ReadAllLines(Path.Combine(_cli.Root, "trail.jsonl"));
        _cli.WriteFile("cut.jsonl", string.Join('\n', lines[..3]) + "\n");

        var verify = await _cli.RunAsync("audit", "verify", "cut.jsonl");
        Assert.Equal(ExitCodes.Refused, verify.ExitCode);
        Assert.Contains("without a manifest", verify.Stderr);
        Assert.Equal(1, RunPython(Path.Combine(_cli.Root, "cut.jsonl")).ExitCode);
    }

    [Fact]
    public async Task An_unknown_key_and_a_CONTRIBUTOR_are_refused_with_their_codes_and_nothing_is_written()
    {
        _cli.Environment["MODELREG_URL"] = server.Url;
        _cli.Environment["MODELREG_API_KEY"] = "mr_unknown_key";
        var unknown = await _cli.RunAsync("audit", "export", "--out", "trail.jsonl");
        var created = await server.AdminGraphQLAsync(
            "mutation { createApiKey(input: { name: \"audit\", principal: \"export-contributor\" }) { secret } }");
        await server.AdminGraphQLAsync(
            "mutation { grantRole(input: { principal: \"export-contributor\", role: CONTRIBUTOR, scope: \"global\" }) { roleAssignment { id } } }");
        _cli.Environment["MODELREG_API_KEY"] = created.GetProperty("createApiKey").GetProperty("secret").GetString()!;
        var contributor = await _cli.RunAsync("audit", "export", "--out", "trail.jsonl");

        Assert.Equal(ExitCodes.Refused, unknown.ExitCode);
        Assert.StartsWith("error: UNAUTHENTICATED:", unknown.Stderr);
        Assert.Equal(ExitCodes.Refused, contributor.ExitCode);
        Assert.StartsWith("error: FORBIDDEN:", contributor.Stderr);
        Assert.False(File.Exists(Path.Combine(_cli.Root, "trail.jsonl")));
    }

    /// <summary>Writes a few events, one with an astral reason and description; returns that event's sequence.</summary>
    private async Task<long> ArrangeTrailAsync(string model)
    {
        var registered = await server.AdminGraphQLAsync(
            "mutation($n: String!) { registerModel(input: { name: $n, task: REGRESSION, owner: \"audit\" }) { model { id } errors { code } } }", new { n = model });
        var id = registered.GetProperty("registerModel").GetProperty("model").GetProperty("id").GetString();
        var data = await server.AdminGraphQLAsync(
            "mutation($id: ID!, $d: String!, $r: String!) { updateModel(input: { id: $id, description: $d, reason: $r }) { model { id } errors { code message } } }",
            new { id, d = AstralDescription, r = AstralReason });
        var errors = data.GetProperty("updateModel").GetProperty("errors");
        Assert.True(errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0, errors.ToString());
        var events = await server.AdminGraphQLAsync("{ registryEvents(last: 1) { nodes { sequence reason } } }");
        var last = events.GetProperty("registryEvents").GetProperty("nodes")[0];
        Assert.Equal(AstralReason, last.GetProperty("reason").GetString());
        return last.GetProperty("sequence").GetInt64();
    }

    /// <summary>Points the CLI at the server as a principal holding only a global AUDITOR grant.</summary>
    private async Task UseAuditorAsync(string principal)
    {
        var created = await server.AdminGraphQLAsync(
            "mutation($p: String!) { createApiKey(input: { name: \"audit\", principal: $p }) { secret errors { code } } }", new { p = principal });
        await server.AdminGraphQLAsync(
            "mutation($p: String!) { grantRole(input: { principal: $p, role: AUDITOR, scope: \"global\" }) { roleAssignment { id } errors { code } } }", new { p = principal });
        _cli.Environment["MODELREG_URL"] = server.Url;
        _cli.Environment["MODELREG_API_KEY"] = created.GetProperty("createApiKey").GetProperty("secret").GetString()!;
    }

    private async Task<string> PublicKeyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        return await http.GetStringAsync(".well-known/model-registry/report-signing-key.pem");
    }

    private static int LineStart(byte[] bytes, long sequence)
        => IndexOf(bytes, Encoding.UTF8.GetBytes($"{{\"sequence\":{sequence},"), 0);

    private static int IndexOf(byte[] bytes, byte[] pattern, int from)
    {
        var at = bytes.AsSpan(from).IndexOf(pattern);
        Assert.True(at >= 0, $"'{Encoding.UTF8.GetString(pattern)}' is not in the export.");
        return from + at;
    }

    private static long FirstBadSequence(string output) => long.Parse(BadSequence().Match(output).Groups[1].Value);

    [GeneratedRegex(@"sequence (\d+) \(")]
    private static partial Regex BadSequence();

    private static (int ExitCode, string Output) RunPython(string file)
    {
        var script = Path.Combine(RepositoryRoot(), "docs", "verify_audit.py");
        using var process = Process.Start(new ProcessStartInfo("python3", [script, file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ModelRegistry.sln")))
                return dir.FullName;
        throw new InvalidOperationException("The repository root (ModelRegistry.sln) was not found above the test assembly.");
    }

    /// <inheritdoc />
    public void Dispose() => _cli.Dispose();
}
