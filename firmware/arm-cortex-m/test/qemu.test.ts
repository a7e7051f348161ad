// Every emulated Cortex-M board runs the board conformance suite under QEMU
// (packages/hil/src/agent/board-conformance.ts); the fault tests on one of
// them. Build first: pnpm build (scripts/build.mjs).
import { describeBoard } from '../../../packages/hil/src/agent/board-conformance.js';
import { qemuTarget } from '../../../packages/hil/src/agent/index.js';

const stride = Number(process.env.MVTK_QEMU_CASE_STRIDE ?? 4);

for (const machine of ['mps2-an385', 'mps2-an500', 'netduinoplus2'] as const) {
  describeBoard(`qemu ${machine}`, () => qemuTarget(machine), {
    stride,
    boardKind: `qemu-${machine}`,
    faults: machine === 'mps2-an385',
    resets: machine === 'mps2-an385',
  });
}
