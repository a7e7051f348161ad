/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). Microvium 8.0.0 says -0 === 0 is false (V8 true): it
  compares an int 0 with a float -0 by encoding.
tags: [quirk, negative-zero]
oracle: none
steps:
  - call: 0
    args: [-0.0, 0]
  - call: 0
    args: [0, -0.0]
  - call: 0
    args: [-0.0, -0.0]
---*/
vmExport(0, (a, b) => [a === b, a !== b]);
