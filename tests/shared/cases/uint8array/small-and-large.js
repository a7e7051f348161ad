/*---
description: Uint8Arrays of 1 and 1,000 bytes (zero length is in quirks/)
tags: [uint8array]
steps:
  - call: 0
    args: [1]
  - call: 0
    args: [1000]
---*/
vmExport(0, (n) => {
  const u = Microvium.newUint8Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) { u[i] = i & 255; sum += u[i]; }
  return [u.length, sum];
});
