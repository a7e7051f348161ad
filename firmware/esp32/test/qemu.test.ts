// The ESP32-C3 stand-in (riscv32 virt) boots the agent under QEMU, answers the
// handshake and reproduces shared-suite transcripts; the reset and gas fault
// paths run on one of them. Build first: pnpm build (scripts/build.mjs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qemuTarget, type BoardTarget, type QemuInstance } from '../../../packages/hil/src/agent/index.js';
import { bigGuest, loopGuest, snapshotOf, suiteCases } from '../../../packages/hil/src/agent/testing.js';

const stride = Number(process.env.MVTK_QEMU_CASE_STRIDE ?? 2);
const cases = suiteCases(stride);

for (const machine of ['riscv32-virt'] as const) {
  describe(`qemu ${machine}`, () => {
    let target: BoardTarget & { qemu: QemuInstance };
    beforeAll(async () => {
      target = await qemuTarget(machine);
    });
    afterAll(() => target?.close());

    it('boots and answers the handshake', async () => {
      await target.run(loopGuest(), []);
      expect(target.client.banner).toMatchObject({ protocol: 1, board: `qemu-${machine}`, float: true, pageSize: 65536 });
    });

    it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
      const r = await target.run(snapshotOf(c), c.steps);
      expect(r.transcript).toEqual(c.expected);
    });

    it('stops an infinite loop with gas', async () => {
      const r = await target.run(loopGuest(), [
        { kind: 'gas', limit: 20000 },
        { kind: 'call', exportId: 0, args: [] },
        { kind: 'call', exportId: 1, args: [] },
      ]);
      expect(r.transcript).toEqual(['error MVM_E_INSTRUCTION_COUNT_REACHED', 'return 42']);
    });

    if (machine === 'riscv32-virt') {
      it('resynchronises after a reset in the middle of an upload', async () => {
        const client = target.client;
        const restartsBefore = client.counters.uploadRestarts;
        let chunks = 0;
        const write = client.transport.write.bind(client.transport);
        client.transport.write = async (data) => {
          if (Buffer.from(data).includes(' CHUNK ') && ++chunks === 2) {
            await target.qemu.reset(); // the board restarts while the host is uploading
          }
          return write(data);
        };
        try {
          const r = await target.run(bigGuest(), [{ kind: 'call', exportId: 9, args: [] }]);
          expect(r.transcript).toEqual(['return "value number 9 27"']);
          expect(client.counters.resets).toBeGreaterThan(0);
          expect(client.counters.uploadRestarts).toBeGreaterThan(restartsBefore);
        } finally {
          client.transport.write = write;
        }
      });
    }
  });
}
