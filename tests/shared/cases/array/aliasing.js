/*---
description: two variables referring to the same array see the same writes
tags: [array]
steps:
  - call: 0
---*/
vmExport(0, () => { const a = [1, 2]; const b = a; b.push(3); b[0] = 9; return [a, a === b]; });
