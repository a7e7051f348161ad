/*---
description: class instances encode by their own fields, like object literals
tags: [class, encoding]
steps:
  - call: 0
  - call: 1
---*/
class Box { constructor(v) { this.v = v; } }
vmExport(0, () => new Box(1));
vmExport(1, () => { const b = new Box(2); return [b.v, typeof b]; });
