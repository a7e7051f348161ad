/*---
description: every power of ten from 1e-10 to 1e25 as a literal argument
tags: [number-to-string, exponent]
steps:
  - call: 0
    args: [1e-10]
  - call: 0
    args: [1e-09]
  - call: 0
    args: [1e-08]
  - call: 0
    args: [1e-07]
  - call: 0
    args: [1e-06]
  - call: 0
    args: [1e-05]
  - call: 0
    args: [0.0001]
  - call: 0
    args: [0.001]
  - call: 0
    args: [0.01]
  - call: 0
    args: [0.1]
  - call: 0
    args: [1.0]
  - call: 0
    args: [10.0]
  - call: 0
    args: [100.0]
  - call: 0
    args: [1000.0]
  - call: 0
    args: [10000.0]
  - call: 0
    args: [100000.0]
  - call: 0
    args: [1000000.0]
  - call: 0
    args: [10000000.0]
  - call: 0
    args: [100000000.0]
  - call: 0
    args: [1000000000.0]
  - call: 0
    args: [10000000000.0]
  - call: 0
    args: [100000000000.0]
  - call: 0
    args: [1000000000000.0]
  - call: 0
    args: [10000000000000.0]
  - call: 0
    args: [100000000000000.0]
  - call: 0
    args: [1000000000000000.0]
  - call: 0
    args: [1e+16]
  - call: 0
    args: [1e+17]
  - call: 0
    args: [1e+18]
  - call: 0
    args: [1e+19]
  - call: 0
    args: [1e+20]
  - call: 0
    args: [1e+21]
  - call: 0
    args: [1e+22]
  - call: 0
    args: [1e+23]
  - call: 0
    args: [1e+24]
  - call: 0
    args: [1e+25]
---*/
const print = vmImport(1);
vmExport(0, (x) => {
  print(x);
  print('<' + x + '>');
  return x;
});
