/*---
description: an async closure that updates shared state across awaits
tags: [async, closure, state]
steps:
  - call: 0
  - call: 1
---*/
const log = [];
async function step(x) { log.push('s' + x); return x; }
async function run() {
  const a = await step(1);
  const b = await step(a + 1);
  log.push('sum' + (a + b));
}
vmExport(0, () => { run(); log.push('sync'); });
vmExport(1, () => log);
