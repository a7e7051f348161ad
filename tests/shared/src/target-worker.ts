/**
 * A child process that runs one in-process runtime target (`wasm-node`,
 * `native`) for the runner, so that an engine crash (a signal such as SIGFPE
 * in the native addon) shows up as a failed run instead of killing the runner.
 *
 *   node dist/target-worker.js NAME     (forked with an IPC channel)
 */
import type { Step } from './format.js';
import { runtimeTarget, type RuntimeModule } from './targets/runtime.js';

const loaders: Record<string, () => Promise<unknown>> = {
  'wasm-node': () => import('@mvtk/runtime-wasm'),
  native: () => import('@mvtk/runtime-node-native'),
};

interface Request {
  id: number;
  snapshot: Uint8Array;
  steps: Step[];
}

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const load = loaders[name];
  if (!load || !process.send) {
    console.error(`target-worker: unknown target ${name} or no IPC channel`);
    process.exit(2);
  }
  let target;
  try {
    target = runtimeTarget(name, (await load()) as RuntimeModule);
  } catch (error) {
    process.send({ ready: false, error: (error as Error).message });
    return;
  }
  process.send({ ready: true });
  process.on('message', (request: Request) => {
    target.run(new Uint8Array(request.snapshot), request.steps).then(
      (result) => process.send!({ id: request.id, result }),
      (error: Error) => process.send!({ id: request.id, error: error.message, infrastructure: error.name === 'TargetInfrastructureError' }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}

void main();
