/*---
description: hexadecimal, octal and binary literals in guest code
tags: [int32, literals]
steps:
  - call: 0
---*/
vmExport(0, () => [0xff, 0x7fffffff, 0xffffffff, 0o777, 0b1011, 1_000_000]);
