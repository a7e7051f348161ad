/*---
description: arrays and objects as call arguments (plain data over the wire)
tags: [object, array, host]
steps:
  - call: 0
    args: [[1, "a", null], {"k": [true, 2.5]}]
  - call: 1
    args: [{"b": 1, "a": 2}]
---*/
vmExport(0, (arr, obj) => [arr, obj, arr[1], obj.k[1]]);
vmExport(1, (o) => Reflect.ownKeys(o));
