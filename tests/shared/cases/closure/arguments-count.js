/*---
description: missing arguments are undefined and extra ones are ignored
tags: [function]
steps:
  - call: 0
  - call: 0
    args: [1]
  - call: 0
    args: [1, 2, 3]
---*/
vmExport(0, (a, b) => [a, b]);
