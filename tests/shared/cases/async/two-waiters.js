/*---
description: two async functions awaiting the same promise resume in order
tags: [async, ordering]
steps:
  - call: 0
---*/
const print = vmImport(1);
vmExport(0, () => {
  let resolve;
  const p = new Promise((res) => { resolve = res; });
  const w = async (name) => { const v = await p; print(name, v); };
  w('first');
  w('second');
  resolve(42);
  print('resolved');
});
