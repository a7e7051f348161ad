/*---
description: an async function called from an export returns a promise, which encodes as object
tags: [async, encoding]
steps:
  - call: 0
---*/
const print = vmImport(1);
async function f() { print('body'); return 1; }
vmExport(0, () => f());
