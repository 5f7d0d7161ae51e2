using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ModelRegistry.Core.Reports;

/// <summary>
/// The JSON form of a compliance report: the document's sections in declaration order, camelCase names, timestamps as in
/// <see cref="ReportText.Timestamp"/>, and hyperparameters embedded as JSON rather than as quoted text.
/// </summary>
public static class ComplianceReportJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new TimestampConverter(), new NullableTimestampConverter() },
    };

    /// <summary>The rendered document.</summary>
    public static string Render(ComplianceReportDocument report)
    {
        var root = JsonSerializer.SerializeToNode(report, Options)!.AsObject();
        // A database key means nothing outside this registry; the model's name identifies it.
        root.Remove("modelId");
        foreach (var version in root["versions"]!.AsArray())
        {
            Embed(version!.AsObject(), "hyperparametersJson", "hyperparameters");
            Embed(version!.AsObject(), "trainingParametersJson", "trainingParameters");
        }
        return root.ToJsonString(Options);
    }

    private static void Embed(JsonObject version, string from, string to)
    {
        var text = version[from]?.GetValue<string>();
        version.Remove(from);
        JsonNode? value;
        try
        {
            value = text is null ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // Stored text that is not JSON is still evidence; keep it verbatim.
            value = JsonValue.Create(text);
        }
        version[to] = value;
    }

    private sealed class TimestampConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => DateTime.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
            => writer.WriteStringValue(ReportText.Timestamp(value));
    }

    private sealed class NullableTimestampConverter : JsonConverter<DateTime?>
    {
        public override bool HandleNull => true;

        public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => reader.TokenType == JsonTokenType.Null ? null
                : DateTime.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

        public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
        {
            if (value is { } at)
                writer.WriteStringValue(ReportText.Timestamp(at));
            else
                writer.WriteNullValue();
        }
    }
}
