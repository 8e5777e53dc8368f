package tether.proxy.health;

/** What a server asks for through its control header, like an agent check's answer. */
public enum AgentState {
  /** Back to normal: new and existing sessions. */
  READY,
  /** No new sessions; those pinned to it keep coming. */
  DRAIN,
  /** Nothing at all. */
  MAINTENANCE
}
