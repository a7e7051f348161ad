/*---
description: >-
  subnormal doubles: the smallest, the largest, and some in between (picolibc
  prints 5e-324 where glibc %.15g gives 4.94065645841247e-324)
tags: [number-to-string, subnormal]
steps:
  - call: 0
    args: [5e-324]
  - call: 0
    args: [1e-323]
  - call: 0
    args: [2.5e-323]
  - call: 0
    args: [2.225073858507201e-308]
  - call: 0
    args: [1.5e-310]
  - call: 0
    args: [4.9407e-320]
---*/
const print = vmImport(1);
vmExport(0, (x) => {
  print(x);
  print('<' + x + '>');
  return x;
});
