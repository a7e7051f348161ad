/*---
description: summing 0..99999 crosses 2^31 inside the loop
tags: [int32, overflow, loop]
steps:
  - call: 0
    args: [100000]
  - call: 0
    args: [65536]
---*/
vmExport(0, (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += i;
  return s;
});
