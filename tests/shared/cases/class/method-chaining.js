/*---
description: methods returning this
tags: [class]
steps:
  - call: 0
    args: [5]
---*/
class Acc {
  constructor() { this.v = 0; }
  add(x) { this.v += x; return this; }
  mul(x) { this.v *= x; return this; }
}
vmExport(0, (n) => new Acc().add(n).mul(3).add(1).v);
