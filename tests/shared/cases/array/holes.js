/*---
description: writing past the end leaves holes that read as undefined
tags: [array]
steps:
  - call: 0
---*/
vmExport(0, () => { const a = []; a[3] = 'x'; a[6] = 1; return [a, a.length, a[4]]; });
