/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). storing a value outside 0..255 in a Uint8Array is an
  engine error (V8 wraps modulo 256).
tags: [quirk, uint8array]
oracle: none
steps:
  - call: 0
    args: [255]
  - call: 0
    args: [256]
  - call: 0
    args: [-1]
  - call: 0
    args: [1.5]
---*/
vmExport(0, (v) => { const u = Microvium.newUint8Array(1); u[0] = v; return u; });
