/*---
description: a call that prints 300 lines
tags: [host, print]
steps:
  - call: 0
    args: [300]
---*/
const print = vmImport(1);
vmExport(0, (n) => {
  for (let i = 0; i < n; i++) print('line', i, i * i, i / 8);
  return n;
});
