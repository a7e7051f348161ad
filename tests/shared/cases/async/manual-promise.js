/*---
description: a promise resolved later by the guest itself, within the same call
tags: [async, promise]
steps:
  - call: 0
---*/
const print = vmImport(1);
vmExport(0, () => {
  let resolve;
  const p = new Promise((res) => { resolve = res; });
  const waiter = async () => { print('resolved with', await p); };
  waiter();
  print('before resolve');
  resolve(9);
  print('after resolve');
});
