/*---
description: factorials grow from int32 into doubles and lose exactness past 2^53
tags: [int32, overflow, float]
steps:
  - call: 0
    args: [12]
  - call: 0
    args: [13]
  - call: 0
    args: [20]
  - call: 0
    args: [25]
  - call: 0
    args: [170]
  - call: 0
    args: [171]
---*/
vmExport(0, (n) => {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
});
