using ModelRegistry.Api.Common;
using ModelRegistry.Core.Models;

namespace ModelRegistry.Api.Models;

/// <summary>The <c>RegisterModelPayload</c> type.</summary>
public sealed class RegisterModelPayloadType() : PayloadType<Model, ModelType>("RegisterModelPayload", "model");

/// <summary>The <c>UpdateModelPayload</c> type.</summary>
public sealed class UpdateModelPayloadType() : PayloadType<Model, ModelType>("UpdateModelPayload", "model");

/// <summary>The <c>SetModelAliasPayload</c> type.</summary>
public sealed class SetModelAliasPayloadType() : PayloadType<Model, ModelType>("SetModelAliasPayload", "model");
