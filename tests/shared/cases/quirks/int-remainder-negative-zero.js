/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). an int32 % whose result is zero with a negative
  dividend gives 0; JavaScript gives -0 (-6 % 3, -4 % 2).
tags: [quirk, negative-zero, remainder]
oracle: none
steps:
  - call: 0
    args: [-6, 3]
  - call: 0
    args: [-4, 2]
  - call: 0
    args: [-4, -2]
  - call: 0
    args: [-4.5, 1.5]
---*/
vmExport(0, (a, b) => a % b);
