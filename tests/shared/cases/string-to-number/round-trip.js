/*---
description: number to string and back gives the same double
tags: [string-to-number, number-to-string]
steps:
  - call: 0
    args: [0.1]
  - call: 0
    args: [5e-324]
  - call: 0
    args: [1.7976931348623157e+308]
  - call: 0
    args: [0.3333333333333333]
  - call: 0
    args: [123456789.12345679]
  - call: 0
    args: [1e-07]
---*/
vmExport(0, (x) => {
  const s = '' + x;
  const y = +s;
  return [s, y, y === x];
});
