using System.Security.Cryptography;
using System.Text;

namespace ModelRegistry.Api.Reports;

/// <summary>
/// The registry's report signing key: ECDSA P-256, signatures over SHA-256 in DER form, so that anyone can check a report
/// with <c>openssl dgst -sha256 -verify key.pem -signature report.sig report.md</c>. The private key is a PKCS#8 PEM
/// file (Registry:Reports:SigningKeyPath, default &lt;DataDirectory&gt;/keys/report-signing-key.pem), created on first start
/// when absent; replicas share it by pointing at the same file. The public key is served at <see cref="PublicKeyPath"/>.
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
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var pem = PemEncoding.WriteString("PRIVATE KEY", fresh.ExportPkcs8PrivateKey()) + "\n";
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var file = new FileStream(path, options);
                file.Write(Encoding.ASCII.GetBytes(pem));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another replica created it first; use theirs, so that both sign with one key.
            }
        }
        key.ImportFromPem(File.ReadAllText(path));
        if (key.KeySize != 256)
            throw new InvalidOperationException($"The report signing key at {path} must be an ECDSA P-256 key.");
        return new ReportSigningKey(key);
    }

    /// <summary>The DER-encoded signature of <paramref name="content"/>.</summary>
    public byte[] Sign(byte[] content) => _key.SignData(content, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
