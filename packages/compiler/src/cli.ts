#!/usr/bin/env node
/** mvtk-compile: compile guest scripts to snapshots (`name.js` -> `name.mvm-bc`). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { compileGuest, GuestCompileError } from './index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'out-dir': { type: 'string', short: 'd' },
    output: { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help || positionals.length === 0) {
  console.log('usage: mvtk-compile GUEST.js... [--out-dir DIR | -o OUT.mvm-bc]');
  process.exit(values.help ? 0 : 2);
}
if (values.output && positionals.length > 1) {
  console.error('mvtk-compile: -o takes a single input');
  process.exit(2);
}

let failed = false;
for (const input of positionals) {
  const out =
    values.output ?? join(values['out-dir'] ?? dirname(input), basename(input).replace(/\.m?js$/, '') + '.mvm-bc');
  try {
    const { bytes } = compileGuest(readFileSync(input, 'utf8'), { filename: input });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, bytes);
  } catch (error) {
    failed = true;
    console.error(error instanceof GuestCompileError ? error.message : error);
  }
}
process.exit(failed ? 1 : 0);
