/*---
description: >-
  TRICKY: a promise pending at the snapshot is resolved after the restore, and
  the suspended async function resumes there
tags: [snapshot, async]
steps:
  - call: 0
  - snapshot
  - call: 1
    args: ["later"]
  - call: 2
---*/
const print = vmImport(1);
let resolve = null;
let log = [];
async function wait() {
  log.push('waiting');
  const v = await new Promise((res) => { resolve = res; });
  log.push('resumed ' + v);
  print('resumed', v);
}
vmExport(0, () => { wait(); return log; });
vmExport(1, (v) => { resolve(v); });
vmExport(2, () => log);
