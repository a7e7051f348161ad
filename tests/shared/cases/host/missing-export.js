/*---
description: calling an export ID the guest never exported is an engine error (Microvium-specific)
tags: [host, error]
oracle: none
steps:
  - call: 7
  - call: 0
---*/
vmExport(0, () => 1);
