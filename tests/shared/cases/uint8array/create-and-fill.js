/*---
description: Microvium.newUint8Array, element writes and reads, and length
tags: [uint8array]
steps:
  - call: 0
    args: [8]
---*/
vmExport(0, (n) => {
  const u = Microvium.newUint8Array(n);
  for (let i = 0; i < n; i++) u[i] = i * 37 % 256;
  return [u, u.length, u[3], u[n]];
});
