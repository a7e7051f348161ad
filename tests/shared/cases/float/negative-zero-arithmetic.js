/*---
description: operations that produce -0 from double operands and how -0 prints
tags: [float, negative-zero]
steps:
  - call: 0
    args: [-0.0]
  - call: 0
    args: [0.0]
---*/
const print = vmImport(1);
vmExport(0, (z) => { print(z, -z, z * -1.5, z + 0, z - 0, 1 / z); return [z, -z, z * -1.5, z + 0, z - 0, 1 / z]; });
