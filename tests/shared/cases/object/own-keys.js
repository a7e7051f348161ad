/*---
description: Reflect.ownKeys of empty and populated objects
tags: [object, key-order]
steps:
  - call: 0
---*/
vmExport(0, () => { const e = {}; const o = { x: 1 }; o.y = undefined; return [Reflect.ownKeys(e), Reflect.ownKeys(o)]; });
