/*---
description: throwing each kind of value out of an export gives a throw line with its encoding
tags: [exception, encoding]
steps:
  - call: 0
    args: [1]
  - call: 0
    args: ["msg"]
  - call: 0
    args: [null]
  - call: 0
    args: [true]
  - call: 1
  - call: 2
  - call: 3
---*/
vmExport(0, (v) => { throw v; });
vmExport(1, () => { throw { code: 42, msg: 'bad' }; });
vmExport(2, () => { throw [1, 'two']; });
vmExport(3, () => { throw undefined; });
