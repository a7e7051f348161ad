/*---
description: >-
  growing a live structure past the heap limit (MVP_MAX_HEAP_SIZE) stops the
  VM with MVM_E_OUT_OF_MEMORY at the same point on every target, never with
  a page-allocator failure; the steps after it are skipped
  (Microvium-specific)
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
