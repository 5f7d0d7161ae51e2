using ModelRegistry.Core.Common;

namespace ModelRegistry.Api.Mlflow;

/// <summary>
/// An MLflow error answer: <c>{"error_code", "message"}</c> with MLflow's HTTP status for the code. Thrown by the facade's
/// handlers and written by <see cref="MlflowEndpoints"/>. Every refusal is a 4xx: MLflow's client retries 5xx for minutes.
/// </summary>
public sealed class MlflowError(int status, string code, string message) : Exception(message)
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;
    /// <summary>MLflow's error code, e.g. RESOURCE_DOES_NOT_EXIST.</summary>
    public string Code { get; } = code;

    /// <summary>400 INVALID_PARAMETER_VALUE.</summary>
    public static MlflowError InvalidParameter(string message) => new(400, "INVALID_PARAMETER_VALUE", message);

    /// <summary>400 BAD_REQUEST.</summary>
    public static MlflowError BadRequest(string message) => new(400, "BAD_REQUEST", message);

    /// <summary>404 RESOURCE_DOES_NOT_EXIST.</summary>
    public static MlflowError DoesNotExist(string message) => new(404, "RESOURCE_DOES_NOT_EXIST", message);

    /// <summary>400 RESOURCE_ALREADY_EXISTS (MLflow answers 400, not 409).</summary>
    public static MlflowError AlreadyExists(string message) => new(400, "RESOURCE_ALREADY_EXISTS", message);

    /// <summary>The JSON 404 of a route the facade does not serve; MLflow's client falls back from POST to GET only on this.</summary>
    public static MlflowError EndpointNotFound(string method, string path)
        => new(404, "ENDPOINT_NOT_FOUND", $"No MLflow endpoint {method} {path}. The registry serves the Model Registry API under /api/2.0/mlflow/ (registered-models/*, model-versions/*); tracking endpoints live on your tracking server.");

    /// <summary>The text MLflow writes for a missing registered model.</summary>
    public static MlflowError ModelNotFound(string name) => DoesNotExist($"Registered Model with name={name} not found");

    /// <summary>The text MLflow writes for a missing model version.</summary>
    public static MlflowError VersionNotFound(string name, string version) => DoesNotExist($"Model Version (name={name}, version={version}) not found");

    /// <summary>
    /// The MLflow answer for a refusal of a registry use case: unknown and invisible subjects are RESOURCE_DOES_NOT_EXIST,
    /// missing rights PERMISSION_DENIED (403) or UNAUTHENTICATED (401), a taken name RESOURCE_ALREADY_EXISTS, and every rule
    /// (validation, stage machine, policy checks, records kept for good) INVALID_PARAMETER_VALUE. <paramref name="notFound"/>
    /// is the MLflow text for the subject the call named.
    /// </summary>
    public static MlflowError From(DomainError error, Func<MlflowError>? notFound = null, string? takenName = null) => error.Code switch
    {
        ErrorCodes.NotFound => notFound?.Invoke() ?? DoesNotExist(error.Message),
        ErrorCodes.Forbidden => new MlflowError(403, "PERMISSION_DENIED", error.Message),
        ErrorCodes.Unauthenticated => new MlflowError(401, "UNAUTHENTICATED", error.Message),
        ErrorCodes.NameTaken => AlreadyExists(takenName is null ? error.Message : $"Registered Model (name={takenName}) already exists."),
        // The registry refuses every write while its audit chain is not vouched for; retrying cannot help, so no 5xx.
        ErrorCodes.AuditChainTampered => new MlflowError(409, "ABORTED", error.Message),
        _ => InvalidParameter($"{error.Message} ({error.Code})"),
    };
}
