using ModelRegistry.Api.Common;
using ModelRegistry.Core.Models;

namespace ModelRegistry.Api.Models;

/// <summary>The <c>RegisterModelPayload</c> type.</summary>
public sealed class RegisterModelPayloadType() : PayloadType<Model, ModelType>("RegisterModelPayload", "model");

/// <summary>The <c>UpdateModelPayload</c> type.</summary>
public sealed class UpdateModelPayloadType() : PayloadType<Model, ModelType>("UpdateModelPayload", "model");

/// <summary>The <c>SetModelAliasPayload</c> type.</summary>
public sealed class SetModelAliasPayloadType() : PayloadType<Model, ModelType>("SetModelAliasPayload", "model");

/// <summary>The <c>RenameModelPayload</c> type.</summary>
public sealed class RenameModelPayloadType() : PayloadType<Model, ModelType>("RenameModelPayload", "model");

/// <summary>The <c>DeleteModelPayload</c> type: the model as kept, with <c>deletedAt</c>.</summary>
public sealed class DeleteModelPayloadType() : PayloadType<Model, ModelType>("DeleteModelPayload", "model");

/// <summary>The <c>RemoveModelAliasPayload</c> type.</summary>
public sealed class RemoveModelAliasPayloadType() : PayloadType<Model, ModelType>("RemoveModelAliasPayload", "model");

/// <summary>The <c>SetKeyValueTagPayload</c> type: the model whose tag, or whose version's tag, was set.</summary>
public sealed class SetKeyValueTagPayloadType() : PayloadType<Model, ModelType>("SetKeyValueTagPayload", "model");

/// <summary>The <c>DeleteKeyValueTagPayload</c> type.</summary>
public sealed class DeleteKeyValueTagPayloadType() : PayloadType<Model, ModelType>("DeleteKeyValueTagPayload", "model");
