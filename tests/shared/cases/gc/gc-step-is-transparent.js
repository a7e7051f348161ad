/*---
description: an explicit gc step between calls changes nothing the guest can see
tags: [gc]
steps:
  - call: 0
  - gc
  - call: 1
  - gc
  - gc
  - call: 1
---*/
const data = { list: [1, 2, 3], text: 'abc' + 1 };
vmExport(0, () => { data.list.push(4); data.extra = { deep: [0.5] }; });
vmExport(1, () => data);
