/*---
description: decimal exponents, including overflow to Infinity and underflow to 0
tags: [string-to-number]
steps:
  - call: 0
    args: ["1e3"]
  - call: 0
    args: ["1E3"]
  - call: 0
    args: ["1e+3"]
  - call: 0
    args: ["2.5e-3"]
  - call: 0
    args: ["1e308"]
  - call: 0
    args: ["1e309"]
  - call: 0
    args: ["1e-324"]
  - call: 0
    args: ["1e-400"]
  - call: 0
    args: ["-1e400"]
---*/
const print = vmImport(1);
vmExport(0, (s) => {
  const x = +s;
  print(x);
  return x;
});
