/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). Microvium.newUint8Array(0) stops the engine with a
  failed internal assertion (fatal MVM_E_ASSERTION_FAILED); V8 gives an empty
  array. The case ends at the fatal error.
tags: [quirk, uint8array, fatal]
oracle: none
steps:
  - call: 0
    args: [0]
  - call: 0
    args: [2]
---*/
vmExport(0, (n) => Microvium.newUint8Array(n));
