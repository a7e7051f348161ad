/*---
description: a throw inside an async function rejects its promise; the awaiting caller catches it
tags: [exception, async]
steps:
  - call: 0
---*/
const print = vmImport(1);
async function fail(x) { throw 'async ' + x; }
async function run() {
  try {
    await fail(1);
  } catch (e) {
    print('caught', e);
  }
}
vmExport(0, () => { run(); print('sync done'); });
