/*---
description: object literals, dot and bracket access, and missing properties
tags: [object]
steps:
  - call: 0
---*/
vmExport(0, () => { const o = { a: 1, b: 'x', c: { d: true } }; return [o, o.a, o['b'], o.c.d, o.zz]; });
