/**
 * The cold-start probe: a fresh Node process that imports one runtime,
 * restores the small snapshot (QuickJS: evaluates its source) and makes one
 * call. The parent times the whole process against `node -e ''`.
 *
 *   node dist/cold.js PEER
 */
import { loadGuest } from './guests.js';
import { makePeer, type InProcessPeerId } from './peers.js';

const id = process.argv[2] as InProcessPeerId;
const peer = makePeer(id, process.argv[3]);
await peer.ready();
const vm = peer.load(loadGuest('restore-small'));
const r = vm.fn(1)(2, 3);
vm.dispose();
if (r !== 5) {
  process.stderr.write(`cold start of ${id}: 2 + 3 gave ${r}\n`);
  process.exit(1);
}
