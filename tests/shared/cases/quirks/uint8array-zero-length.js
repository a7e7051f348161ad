/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). Microvium.newUint8Array(0) is refused with
  MVM_E_INVALID_UINT8_ARRAY_LENGTH (engine patch 0006; before it, safe builds
  stopped on an assertion and others corrupted the heap); V8 gives an empty
  array. The VM stays usable.
tags: [quirk, uint8array]
oracle: none
steps:
  - call: 0
    args: [0]
  - call: 0
    args: [2]
---*/
vmExport(0, (n) => Microvium.newUint8Array(n));
