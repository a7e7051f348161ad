/*---
description: string concatenation with strings, numbers, booleans, null and undefined
tags: [string]
steps:
  - call: 0
    args: ["a", "b"]
  - call: 0
    args: ["x", 1]
  - call: 0
    args: [1, "x"]
  - call: 0
    args: [true, null]
  - call: 0
    args: ["", ""]
---*/
vmExport(0, (a, b) => [a + b, '' + a + b, `${a}${b}`]);
