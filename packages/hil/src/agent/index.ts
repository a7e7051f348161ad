/**
 * The firmware agent's host side: protocol client, transports (serial port,
 * native agent on stdio, QEMU pty) and `boardTarget`, the shared suite's
 * Target on a board. Protocol: firmware/PROTOCOL.md.
 */
export * from './protocol.js';
export * from './errors.js';
export { LineQueue, type Transport } from './transport.js';
export { serialTransport, type SerialTransportOptions } from './serial-transport.js';
export { stdioTransport, type StdioTransportOptions } from './stdio-transport.js';
export { launchQemu, qemuMachines, firmwareImage, type QemuMachine, type QemuMachineName, type QemuInstance, type QemuOptions } from './qemu.js';
export { AgentClient, encodeArgs, type AgentClientOptions, type AgentCounters } from './client.js';
export { boardTarget, nativeAgentTarget, qemuTarget, type BoardTarget, type BoardTargetOptions } from './board-target.js';
export { nativeAgentPath, buildNativeAgent } from './native-agent.js';
