/*---
description: a top-level Uint8Array written by one call and read by another
tags: [uint8array, state]
steps:
  - call: 0
    args: [2, 200]
  - call: 0
    args: [0, 1]
  - call: 1
---*/
const buf = Microvium.newUint8Array(4);
vmExport(0, (i, v) => { buf[i] = v; });
vmExport(1, () => buf);
