/*---
description: >-
  compound interest: ** and * in a loop
tags: [pow]
steps:
  - call: 0
    args: [1.05, 30]
  - call: 0
    args: [1.0001, 10000]
---*/
vmExport(0, (rate, n) => {
  let acc = 1;
  for (let i = 0; i < n; i++) acc = acc * rate;
  return [acc, rate ** n];
});
