/*---
description: mutually recursive function declarations (hoisting)
tags: [function, recursion]
steps:
  - call: 0
    args: [10]
  - call: 0
    args: [7]
---*/
function isEven(n) { return n === 0 ? true : isOdd(n - 1); }
function isOdd(n) { return n === 0 ? false : isEven(n - 1); }
vmExport(0, (n) => [isEven(n), isOdd(n)]);
