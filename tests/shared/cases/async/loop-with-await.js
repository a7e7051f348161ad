/*---
description: await inside a loop accumulates results in order
tags: [async, loop]
steps:
  - call: 0
    args: [5]
---*/
const print = vmImport(1);
async function double(x) { return x * 2; }
async function sum(n) {
  let s = 0;
  for (let i = 0; i < n; i++) {
    s += await double(i);
    print('step', i, s);
  }
  return s;
}
vmExport(0, (n) => { sum(n); print('started'); });
