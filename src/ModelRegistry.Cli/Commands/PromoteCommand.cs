using System.CommandLine;
using System.Text.Json.Nodes;
using ModelRegistry.Cli.Registry;
using Spectre.Console;

namespace ModelRegistry.Cli.Commands;

/// <summary>
/// <c>modelreg promote NAME VERSION --to STAGE --reason …</c>: requests a stage change and prints where the request
/// stands: APPLIED at once, or PENDING until approvers decide.
/// </summary>
public static class PromoteCommand
{
    /// <summary>The stages a version can be promoted to.</summary>
    public static readonly string[] Stages = ["DEVELOPMENT", "STAGING", "PRODUCTION", "ARCHIVED"];

    /// <summary>Builds the command.</summary>
    public static Command Create(CommandBinder binder)
    {
        var version = new VersionArguments();
        var to = new Option<string>("--to") { Description = $"Target stage: {string.Join(", ", Stages)}", Required = true }.OneOf(Stages);
        var reason = new Option<string>("--reason") { Description = "Why; recorded in the audit trail", Required = true };
        var command = version.AddTo(new Command("promote", "Request a stage change for a model version") { to, reason });
        return binder.Bind(command, async (session, ct) =>
        {
            var (name, number) = version.Values(session);
            var target = session.Parse.GetValue(to)!.ToUpperInvariant();
            var found = await version.FindAsync(session, Documents.Version, ct);
            var input = new JsonObject
            {
                ["modelVersionId"] = found.GetProperty("id").GetString(),
                ["targetStage"] = target,
                ["reason"] = session.Parse.GetValue(reason),
            };
            var payload = await session.GraphQL.MutateAsync(Documents.Promote, input, "promoteModelVersion", ct);
            var request = payload.GetProperty("promotionRequest");
            var status = request.GetProperty("status").GetString()!;
            var stage = payload.GetProperty("modelVersion").GetProperty("stage").GetString()!;
            if (session.Json)
            {
                session.WriteJson(new
                {
                    promotionRequestId = request.GetProperty("id").GetString(),
                    status,
                    targetStage = target,
                    stage,
                    modelVersionId = found.GetProperty("id").GetString(),
                    approvals = request.GetProperty("approvals"),
                });
                return;
            }
            if (status == "APPLIED")
                session.Console.MarkupLineInterpolated($"[green]APPLIED[/]: {name} v{number} is now [bold]{stage}[/].");
            else
                session.Console.MarkupLineInterpolated(
                    $"[yellow]{status}[/]: {name} v{number} stays {stage} until the request {request.GetProperty("id").GetString()} to {target} is approved.");
        });
    }
}
