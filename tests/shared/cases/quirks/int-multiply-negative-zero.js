/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). an int32 product that is zero with a negative operand
  gives 0; JavaScript gives -0 (0 * -5). The double path (0.5 * -0) is right.
tags: [quirk, negative-zero]
oracle: none
steps:
  - call: 0
    args: [0, -5]
  - call: 0
    args: [-3, 0]
  - call: 0
    args: [0.5, -0.0]
---*/
vmExport(0, (a, b) => a * b);
