/*---
description: >-
  TRICKY: halfway cases between two doubles round to even; a digit far away
  breaks the tie
tags: [string-to-number]
steps:
  - call: 0
    args: ["9007199254740993"]
  - call: 0
    args: ["9007199254740995"]
  - call: 0
    args: ["2.2250738585072011e-308"]
  - call: 0
    args: ["2.4703282292062327e-324"]
  - call: 0
    args: ["2.4703282292062328e-324"]
  - call: 0
    args: ["1.7976931348623158e308"]
  - call: 0
    args: ["1.7976931348623159e308"]
---*/
const print = vmImport(1);
vmExport(0, (s) => {
  const x = +s;
  print(x);
  return x;
});
