/*---
description: a fixed set of arbitrary doubles across the exponent range
tags: [number-to-string]
steps:
  - call: 0
    args: [3.141592653589793]
  - call: 0
    args: [2.718281828459045]
  - call: 0
    args: [6.02214076e+23]
  - call: 0
    args: [1.602176634e-19]
  - call: 0
    args: [6.62607015e-34]
  - call: 0
    args: [299792458.0]
  - call: 0
    args: [0.00011920928955078125]
  - call: 0
    args: [1.1754943508222875e-38]
  - call: 0
    args: [3.4028234663852886e+38]
  - call: 0
    args: [1.23456e-298]
---*/
const print = vmImport(1);
vmExport(0, (x) => {
  print(x);
  print('<' + x + '>');
  return x;
});
