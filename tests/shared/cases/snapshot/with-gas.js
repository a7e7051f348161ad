/*---
description: the gas setting before a snapshot still applies after the restore (Microvium-specific)
tags: [snapshot, gas]
oracle: none
steps:
  - gas: 3000
  - call: 0
    args: [10]
  - snapshot
  - call: 0
    args: [10]
  - call: 0
    args: [100000]
  - gas: off
  - call: 0
    args: [100000]
---*/
vmExport(0, (n) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; });
