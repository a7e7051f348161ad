/*---
description: >-
  TRICKY: integers around 2^53 where consecutive doubles are 2 apart (2^53+1
  rounds to 2^53)
tags: [number-to-string, integer]
steps:
  - call: 0
    args: [9007199254740991]
  - call: 0
    args: [9007199254740992]
  - call: 0
    args: [9007199254740993]
  - call: 0
    args: [9007199254740994]
  - call: 0
    args: [9007199254740995]
  - call: 0
    args: [-9007199254740993]
---*/
const print = vmImport(1);
vmExport(0, (x) => {
  print(x);
  print('<' + x + '>');
  return x;
});
