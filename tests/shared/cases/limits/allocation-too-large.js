/*---
description: >-
  a single string over the 4 KB allocation limit is a fatal
  MVM_E_ALLOCATION_TOO_LARGE (Microvium-specific)
tags: [limits, string, fatal]
oracle: none
steps:
  - call: 0
    args: [400]
  - call: 0
    args: [500]
---*/
vmExport(0, (n) => {
  let s = '';
  for (let i = 0; i < n; i++) s += 'abcdefghij';
  return n;
});
