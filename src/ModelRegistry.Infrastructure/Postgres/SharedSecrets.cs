using Npgsql;

namespace ModelRegistry.Infrastructure.Postgres;

/// <summary>
/// Secrets shared by every replica through the <c>RegistrySecrets</c> table. The first replica to ask inserts its candidate
/// with <c>ON CONFLICT DO NOTHING</c>; every replica then reads the row back, so replicas racing at start-up all end with
/// the one value that won, never with their own.
/// </summary>
public sealed class SharedSecrets(string connectionString)
{
    /// <summary>The HMAC key of artifact download URLs (base64).</summary>
    public const string ArtifactUrlKey = "artifact-url-signing-key";

    /// <summary>The report signing key (PKCS#8 PEM).</summary>
    public const string ReportSigningKey = "report-signing-key";

    /// <summary>
    /// The stored secret <paramref name="name"/>, created from <paramref name="candidate"/> when no replica stored one yet.
    /// Synchronous because the keys are built by singleton factories, once per process, after migrations created the table.
    /// </summary>
    public string GetOrCreate(string name, Func<string> candidate)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (var insert = new NpgsqlCommand(
                   """INSERT INTO "RegistrySecrets" ("Name", "Value", "CreatedAt") VALUES (@name, @value, now()) ON CONFLICT ("Name") DO NOTHING""",
                   connection))
        {
            insert.Parameters.AddWithValue("name", name);
            insert.Parameters.AddWithValue("value", candidate());
            insert.ExecuteNonQuery();
        }
        using var read = new NpgsqlCommand("""SELECT "Value" FROM "RegistrySecrets" WHERE "Name" = @name""", connection);
        read.Parameters.AddWithValue("name", name);
        return (string)read.ExecuteScalar()!;
    }
}
