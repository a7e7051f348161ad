/** Errors of the agent client; each has a `name` and a stable `code`. */

/** The board did not answer in time. */
export class AgentTimeoutError extends Error {
  override name = 'AgentTimeoutError';
  readonly code = 'MVTK_AGENT_TIMEOUT';
  constructor(
    message: string,
    /** Lines received while waiting (for the report). */
    readonly received: readonly string[] = [],
  ) {
    super(received.length ? `${message}; received:\n  ${received.slice(-20).join('\n  ')}` : message);
  }
}

/** The board restarted (a ready banner arrived in the middle of an operation). */
export class AgentResetError extends Error {
  override name = 'AgentResetError';
  readonly code = 'MVTK_AGENT_RESET';
}

/** The board kept rejecting a command (NAK) or an upload. */
export class AgentProtocolError extends Error {
  override name = 'AgentProtocolError';
  readonly code = 'MVTK_AGENT_PROTOCOL';
}

/** A command was refused (`ERR <code>`). */
export class AgentCommandError extends Error {
  override name = 'AgentCommandError';
  readonly code = 'MVTK_AGENT_COMMAND';
  constructor(
    readonly agentCode: string,
    readonly detail: string,
  ) {
    super(`agent refused: ${agentCode}${detail ? ` ${detail}` : ''}`);
  }
}

/** The link went away (port closed, emulator or process exited). */
export class TransportClosedError extends Error {
  override name = 'TransportClosedError';
  readonly code = 'MVTK_AGENT_TRANSPORT_CLOSED';
  readonly disconnected = true;
}
