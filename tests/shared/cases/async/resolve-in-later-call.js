/*---
description: a promise created in one call and resolved in a later call; the awaiting code resumes then
tags: [async, promise, state]
steps:
  - call: 0
  - call: 1
  - call: 2
    args: ["hello"]
  - call: 1
---*/
const print = vmImport(1);
let resolve = null;
let state = 'idle';
async function wait() {
  state = 'waiting';
  const v = await new Promise((res) => { resolve = res; });
  state = 'done ' + v;
  print('resumed', v);
}
vmExport(0, () => { wait(); });
vmExport(1, () => state);
vmExport(2, (v) => { resolve(v); print('resolve called'); });
