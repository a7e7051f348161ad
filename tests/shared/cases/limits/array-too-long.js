/*---
description: >-
  pushing past the longest array the engine can allocate is fatal
  MVM_E_ARRAY_TOO_LONG (Microvium-specific)
tags: [limits, array, fatal]
oracle: none
steps:
  - call: 0
    args: [1000]
  - call: 0
    args: [3000]
---*/
vmExport(0, (n) => {
  const a = [];
  for (let i = 0; i < n; i++) a.push(i);
  return a.length;
});
