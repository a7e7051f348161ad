/*---
description: >-
  growing a live structure past the heap limit stops the VM with a fatal error
  (the page allocator or the heap limit, whichever comes first); the steps
  after it are skipped (Microvium-specific)
tags: [oom, limits, fatal]
oracle: none
steps:
  - call: 0
    args: [1000]
  - call: 1
---*/
const print = vmImport(1);
const live = [];
vmExport(0, (n) => {
  for (let c = 0; c < n; c++) {
    const chunk = [];
    for (let i = 0; i < 100; i++) chunk.push([c, i]);
    live.push(chunk);
    print('chunks', live.length);
  }
  return 'unreachable';
});
vmExport(1, () => live.length);
