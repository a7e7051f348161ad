/*---
description: returning functions and classes encodes them as function
tags: [function, encoding]
steps:
  - call: 0
  - call: 1
---*/
const print = vmImport(1);
class K {}
vmExport(0, () => (x) => x);
vmExport(1, () => [K, print, () => 1]);
