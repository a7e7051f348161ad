/*---
description: every kind of plain value survives a round trip through import 2 (echo)
tags: [host, echo]
steps:
  - call: 0
    args: [null]
  - call: 0
    args: [true]
  - call: 0
    args: [false]
  - call: 0
    args: [0]
  - call: 0
    args: [-0.0]
  - call: 0
    args: [2147483647]
  - call: 0
    args: [2147483648]
  - call: 0
    args: [-1.5]
  - call: 0
    args: [""]
  - call: 0
    args: ["text"]
  - call: 0
    args: ["ünï"]
  - call: 1
---*/
const echo = vmImport(2);
vmExport(0, (v) => {
  const r = echo(v);
  return [r, r === v];
});
vmExport(1, () => [echo(undefined), echo(), echo(1e21), echo(5e-324)]);
