/*---
description: >-
  a gas limit stops an infinite loop with MVM_E_INSTRUCTION_COUNT_REACHED; the
  VM stays usable and gas: off lifts the limit (Microvium-specific)
tags: [gas, limits]
oracle: none
steps:
  - gas: 5000
  - call: 0
  - call: 1
  - gas: off
  - call: 2
    args: [10000]
  - call: 1
---*/
let spins = 0;
vmExport(0, () => { while (true) spins++; });
vmExport(1, () => spins > 0);
vmExport(2, (n) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; });
