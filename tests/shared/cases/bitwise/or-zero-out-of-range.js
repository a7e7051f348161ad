/*---
description: >-
  TRICKY: x|0 wraps modulo 2^32 (C casts saturate on ARM and give INT32_MIN on
  x86; patched: 0002-toint32-modular)
tags: [bitwise, toint32]
steps:
  - call: 0
    args: [2147483648]
  - call: 0
    args: [4294967295]
  - call: 0
    args: [4294967296]
  - call: 0
    args: [4294967296.5]
  - call: 0
    args: [-2147483649]
  - call: 0
    args: [1e+20]
  - call: 0
    args: [-1e+20]
  - call: 0
    args: [15000000000.0]
  - call: 0
    args: [9007199254740993]
  - call: 0
    args: [1.7976931348623157e+308]
---*/
vmExport(0, (x) => x | 0);
