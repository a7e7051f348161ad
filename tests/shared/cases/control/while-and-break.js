/*---
description: while loops with break (Collatz steps)
tags: [control, loop]
steps:
  - call: 0
    args: [1]
  - call: 0
    args: [6]
  - call: 0
    args: [27]
  - call: 0
    args: [97]
---*/
vmExport(0, (start) => {
  let n = start;
  let steps = 0;
  while (true) {
    if (n === 1) break;
    n = n % 2 === 0 ? n / 2 : 3 * n + 1;
    steps++;
  }
  return steps;
});
