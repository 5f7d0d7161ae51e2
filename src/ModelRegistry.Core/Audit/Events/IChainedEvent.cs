namespace ModelRegistry.Core.Audit.Events;

/// <summary>
/// The payload of one audit event: a contract with auditors, webhook receivers and the replay that verifies the state.
/// Each implementation keeps the JSON shape its event has always had, so payloads chained before the record existed still
/// read into it; properties added later are nullable, and absent from those older payloads.
/// </summary>
public interface IChainedEvent;
