/*---
description: three snapshots in a row, each restored and continued
tags: [snapshot]
steps:
  - call: 0
  - snapshot
  - call: 0
  - snapshot
  - call: 0
  - snapshot
  - call: 0
---*/
let s = 'x';
let n = 0;
vmExport(0, () => { n++; s = s + '-' + n; return s; });
