// The ESP32-C3 stand-in (the agent built rv32imac, QEMU riscv32 virt) runs the
// board conformance suite (packages/hil/src/agent/board-conformance.ts),
// fault tests included. Build first: pnpm build (scripts/build.mjs).
import { describeBoard } from '../../../packages/hil/src/agent/board-conformance.js';
import { qemuTarget } from '../../../packages/hil/src/agent/index.js';

const stride = Number(process.env.MVTK_QEMU_CASE_STRIDE ?? 2);

describeBoard('qemu riscv32-virt', () => qemuTarget('riscv32-virt'), {
  stride,
  boardKind: 'qemu-riscv32-virt',
  faults: true,
  resets: true,
});
