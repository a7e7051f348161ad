/*---
description: >-
  strings converted implicitly by -, *, / and unary minus
tags: [string-to-number]
steps:
  - call: 0
    args: ["6", "3"]
  - call: 0
    args: ["1.5", "0.5"]
  - call: 0
    args: ["x", "1"]
  - call: 0
    args: [" 0x10 ", "2"]
---*/
vmExport(0, (a, b) => [a - b, a * b, a / b, -a]);
