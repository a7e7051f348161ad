/**
 * @mvtk/hil: the hardware-in-the-loop harness (README.md). The CLI is `hil`;
 * everything it does is available here for scripts and tests.
 */
export * from './resources/hardware-map.js';
export * from './resources/ports.js';
export * from './resources/discover.js';
export * from './doctor/doctor.js';
export * from './flash/board-lock.js';
export * from './flash/platformio.js';
export * from './transports/byte-transport.js';
export * from './transports/fault-transport.js';
export * from './targets/agent-board.js';
export * from './targets/virtual-board.js';
export * from './transports/faulty-agent-transport.js';
export * from './strategies/agent-target.js';
export * from './strategies/connector.js';
export * from './strategies/board-strategy.js';
export * from './run/orchestrator.js';
export * from './run/progress.js';
export * from './run/commands.js';
export * from './report/results.js';
export * from './report/json.js';
export * from './report/junit.js';
export * from './report/html.js';
export * from './report/write.js';
export * from './nightly/nightly.js';
export * from './agent/index.js';
