/*---
description: >-
  exports may be values other than functions; calling one is an engine error
  (Microvium-specific)
tags: [host, error]
oracle: none
steps:
  - call: 1
  - call: 0
---*/
vmExport(0, () => 'function export');
vmExport(1, 42);
