/*---
description: >-
  powers of ten computed by repeated multiplication and division (not
  literals) accumulate rounding
tags: [number-to-string, exponent]
steps:
  - call: 0
---*/
const print = vmImport(1);
vmExport(0, () => {
  let x = 1;
  for (let i = 0; i < 25; i++) {
    x = x * 10;
    print(x);
  }
  let y = 1;
  for (let i = 0; i < 12; i++) {
    y = y / 10;
    print(y);
  }
});
