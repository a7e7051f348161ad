/*---
description: doubles survive a round trip through the host (import 2)
tags: [float, host]
steps:
  - call: 0
    args: [0.1]
  - call: 0
    args: [-0.0]
  - call: 0
    args: [5e-324]
  - call: 0
    args: [1.7976931348623157e+308]
  - call: 0
    args: [.nan]
  - call: 0
    args: [-.inf]
  - call: 0
    args: [9007199254740992.0]
---*/
const print = vmImport(1);
const echo = vmImport(2);
vmExport(0, (x) => { const y = echo(x); print(y, 1 / y); return y; });
