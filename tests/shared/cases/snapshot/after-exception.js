/*---
description: >-
  a snapshot after an uncaught exception: the state changed before the throw
  is kept
tags: [snapshot, exception]
steps:
  - call: 0
  - snapshot
  - call: 1
---*/
let progress = [];
vmExport(0, () => { progress.push('started'); throw 'failed midway'; });
vmExport(1, () => progress);
