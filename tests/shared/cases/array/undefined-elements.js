/*---
description: explicit undefined elements and elisions
tags: [array]
steps:
  - call: 0
---*/
vmExport(0, () => { const a = [1, undefined, 3]; a[1] = undefined; return [a, [, 1], [undefined]]; });
