using System.Security.Cryptography;
using ModelRegistry.Core.Common;
using ModelRegistry.Infrastructure;
using ModelRegistry.Infrastructure.Postgres;

namespace ModelRegistry.Api.Reports;

/// <summary>
/// The registry's report signing key: ECDSA P-256, signatures over SHA-256 in DER form, so that anyone can check a report
/// with <c>openssl dgst -sha256 -verify key.pem -signature report.sig report.md</c>. The private key is a PKCS#8 PEM
/// file (Registry:Reports:SigningKeyPath, default &lt;DataDirectory&gt;/keys/report-signing-key.pem), created on first start
/// when absent; replicas share it by pointing at the same file. On PostgreSQL without a configured path, the key is kept
/// in the database instead (<see cref="Shared"/>), so every replica signs with, and publishes, the same public key. The
/// public key is served at <see cref="PublicKeyPath"/>.
/// </summary>
public sealed class ReportSigningKey : IDisposable
{
    /// <summary>Where the public key is served (SubjectPublicKeyInfo PEM).</summary>
    public const string PublicKeyPath = "/.well-known/model-registry/report-signing-key.pem";

    /// <summary>The algorithm, as the report's signature headers and fields name it.</summary>
    public const string Algorithm = "ECDSA-P256-SHA256";

    private readonly ECDsa _key;

    private ReportSigningKey(ECDsa key)
    {
        _key = key;
        var spki = key.ExportSubjectPublicKeyInfo();
        PublicKeyPem = PemEncoding.WriteString("PUBLIC KEY", spki) + "\n";
        KeyId = Convert.ToHexStringLower(SHA256.HashData(spki));
    }

    /// <summary>The public key, PEM-encoded SubjectPublicKeyInfo.</summary>
    public string PublicKeyPem { get; }

    /// <summary>SHA-256 (hex) of the public key's DER form: names the key a signature was made with.</summary>
    public string KeyId { get; }

    /// <summary>Loads the key at <paramref name="path"/>, creating it (readable by its owner only) when there is none.</summary>
    public static ReportSigningKey LoadOrCreate(string path)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(SharedKeyFile.ReadOrCreate(path, NewPem));
        if (key.KeySize != 256)
            throw new InvalidOperationException($"The report signing key at {path} must be an ECDSA P-256 key.");
        return new ReportSigningKey(key);
    }

    /// <summary>
    /// The key in force: the configured file; else, on PostgreSQL, the database's; else the file in the data directory.
    /// </summary>
    public static ReportSigningKey For(string? configuredPath, RegistryPersistenceOptions persistence, IServiceProvider services)
    {
        if (string.IsNullOrWhiteSpace(configuredPath) && persistence.IsPostgres)
            return Shared(services.GetRequiredService<SharedSecrets>());
        return LoadOrCreate(configuredPath ?? Path.Combine(Path.GetFullPath(persistence.DataDirectory), "keys", "report-signing-key.pem"));
    }

    /// <summary>The key every replica holds: the one stored in the database, created by whichever replica asked first.</summary>
    public static ReportSigningKey Shared(SharedSecrets secrets)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(secrets.GetOrCreate(SharedSecrets.ReportSigningKey, NewPem));
        return new ReportSigningKey(key);
    }

    private static string NewPem()
    {
        using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return PemEncoding.WriteString("PRIVATE KEY", fresh.ExportPkcs8PrivateKey()) + "\n";
    }

    /// <summary>The DER-encoded signature of <paramref name="content"/>.</summary>
    public byte[] Sign(byte[] content) => _key.SignData(content, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>
    /// The DER-encoded signature of content whose SHA-256 is <paramref name="sha256"/>: the same signature
    /// <see cref="Sign"/> gives for the content itself, for content streamed rather than held (the audit export).
    /// </summary>
    public byte[] SignSha256(byte[] sha256) => _key.SignHash(sha256, DSASignatureFormat.Rfc3279DerSequence);

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
