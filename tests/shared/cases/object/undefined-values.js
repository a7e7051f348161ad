/*---
description: properties holding undefined and null are kept and encoded
tags: [object, encoding]
steps:
  - call: 0
---*/
vmExport(0, () => ({ u: undefined, n: null, z: 0, e: '' }));
