/*---
description: a long floating-point sum whose result depends on every rounding step
tags: [float]
steps:
  - call: 0
    args: [1000]
  - call: 0
    args: [5000]
---*/
vmExport(0, (n) => {
  let s = 0;
  for (let i = 1; i <= n; i++) s += 1 / i;
  return s;
});
