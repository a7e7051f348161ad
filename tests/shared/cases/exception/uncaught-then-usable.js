/*---
description: after an export throws, the VM keeps its state and later calls work
tags: [exception, state]
steps:
  - call: 0
  - call: 1
  - call: 0
  - call: 1
---*/
let n = 0;
vmExport(0, () => { n++; throw 'boom ' + n; });
vmExport(1, () => n);
