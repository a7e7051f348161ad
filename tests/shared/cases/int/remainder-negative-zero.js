/*---
description: >-
  TRICKY: an int32 % whose result is zero with a negative dividend is -0 in
  JavaScript (-6 % 3, -4 % 2); the engine's int32 path gave 0 before engine
  patch 0004.
tags: [negative-zero, remainder]
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
