/*---
description: which values are truthy
tags: [control]
steps:
  - call: 0
    args: [0]
  - call: 0
    args: [-0.0]
  - call: 0
    args: [1]
  - call: 0
    args: [""]
  - call: 0
    args: ["0"]
  - call: 0
    args: [" "]
  - call: 0
    args: [null]
  - call: 0
    args: [true]
  - call: 0
    args: [.nan]
  - call: 1
---*/
vmExport(0, (v) => (v ? 'truthy' : 'falsy'));
vmExport(1, () => [!![], !!{}, !!(() => 0), !!undefined]);
