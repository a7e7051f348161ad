/*---
description: NaN and the infinities
tags: [number-to-string, nan, infinity]
steps:
  - call: 0
    args: [.nan]
  - call: 0
    args: [.inf]
  - call: 0
    args: [-.inf]
---*/
const print = vmImport(1);
vmExport(0, (x) => {
  print(x);
  print('<' + x + '>');
  return x;
});
