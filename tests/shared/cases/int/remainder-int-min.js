/*---
description: >-
  TRICKY: -2147483648 % -1 is -0 in JavaScript. In C, INT32_MIN % -1 is
  undefined behaviour: x86 traps (SIGFPE), so an engine computing it with the
  C operator kills its host; the expected transcript is the V8 result.
tags: [int32, remainder, undefined-behaviour]
steps:
  - call: 0
    args: [-2147483648, -1]
  - call: 0
    args: [-2147483648, 1]
  - call: 1
    args: [-2147483648, -1]
---*/
vmExport(0, (a, b) => a % b);
vmExport(1, (a, b) => a / b);
