/*---
description: >-
  TRICKY (oracle none): the port pow (mvp_pow) is correctly rounded, V8 is
  not. V8 gives 10 ** -5 = 0.000009999999999999999 and 2 ** 1023.5 =
  1.2711610061536462e+308; the exact values round to 0.00001 and
  1.2711610061536464e+308 (checked with 60-digit decimals). Every target must
  print the correctly rounded value.
tags: [pow]
oracle: none
steps:
  - call: 0
    args: [10, -5]
  - call: 0
    args: [2, 1023.5]
  - call: 0
    args: [10, -4]
  - call: 0
    args: [10, 22]
  - call: 0
    args: [10, 23]
---*/
const print = vmImport(1);
vmExport(0, (a, b) => { print(a ** b); return a ** b; });
