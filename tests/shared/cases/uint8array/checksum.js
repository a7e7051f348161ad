/*---
description: a CRC-8 over a Uint8Array computed in the guest
tags: [uint8array, bitwise]
steps:
  - call: 0
    args: [32]
---*/
vmExport(0, (n) => {
  const u = Microvium.newUint8Array(n);
  for (let i = 0; i < n; i++) u[i] = (i * 29 + 7) & 255;
  let crc = 0;
  for (let i = 0; i < n; i++) {
    crc ^= u[i];
    for (let k = 0; k < 8; k++) crc = (crc & 128) ? ((crc << 1) ^ 7) & 255 : (crc << 1) & 255;
  }
  return crc;
});
