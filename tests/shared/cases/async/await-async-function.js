/*---
description: >-
  awaiting another async function; the continuation runs after the synchronous
  part of the call
tags: [async]
steps:
  - call: 0
---*/
const print = vmImport(1);
async function value() { return 5; }
async function main() {
  const v = await value();
  print('got', v);
}
vmExport(0, () => { main(); print('sync'); });
