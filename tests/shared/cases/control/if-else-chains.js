/*---
description: if/else-if chains and the conditional operator
tags: [control]
steps:
  - call: 0
    args: [-5]
  - call: 0
    args: [0]
  - call: 0
    args: [5]
  - call: 0
    args: [50]
  - call: 0
    args: [500]
---*/
vmExport(0, (x) => {
  let s;
  if (x < 0) s = 'negative';
  else if (x === 0) s = 'zero';
  else if (x < 10) s = 'small';
  else s = 'large';
  return [s, x > 100 ? 'huge' : x > 10 ? 'big' : 'not big'];
});
