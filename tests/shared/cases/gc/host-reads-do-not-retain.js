/*---
description: >-
  values the host reads (returned, thrown, echoed) stay collectable: after each
  call the heap and the snapshot are what they would be had the host never
  seen them (a runtime must release what it read, not wait for its own GC)
tags: [gc, heap, host, snapshot]
steps:
  - heap
  - call: 0
  - heap
  - call: 1
  - heap
  - call: 2
  - heap
  - call: 3
  - heap
  - snapshot
  - call: 4
  - heap
---*/
const echo = vmImport(2);
let kept = 0;
vmExport(0, () => [1, [2, 3], { a: [4], b: { c: 'five' } }]);
vmExport(1, () => { throw { code: [1, 2], why: { text: 'x' } }; });
vmExport(2, () => { const t = [1, { b: [2] }]; echo(t); return 1; });
vmExport(3, () => { const f = () => 1; echo([f, { g: f }]); return 2; });
vmExport(4, () => { kept = kept + 1; return { kept: kept, list: [kept] }; });
