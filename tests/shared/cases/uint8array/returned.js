/*---
description: Uint8Arrays returned directly and inside arrays and objects
tags: [uint8array, encoding]
steps:
  - call: 0
  - call: 1
---*/
vmExport(0, () => { const u = Microvium.newUint8Array(4); u[0] = 0; u[1] = 15; u[2] = 16; u[3] = 255; return u; });
vmExport(1, () => { const u = Microvium.newUint8Array(2); u[1] = 171; return { bytes: u, list: [u] }; });
