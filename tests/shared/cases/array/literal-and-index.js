/*---
description: array literals, indexing and length
tags: [array]
steps:
  - call: 0
---*/
vmExport(0, () => { const a = [1, 'two', 3.5, null, undefined, true]; return [a, a.length, a[1], a[5], a[6]]; });
