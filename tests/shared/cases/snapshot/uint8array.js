/*---
description: Uint8Array contents survive a snapshot
tags: [snapshot, uint8array]
steps:
  - call: 0
    args: [16]
  - snapshot
  - call: 1
---*/
let buf = null;
vmExport(0, (n) => {
  buf = Microvium.newUint8Array(n);
  for (let i = 0; i < n; i++) buf[i] = (i * 17) & 255;
});
vmExport(1, () => buf);
