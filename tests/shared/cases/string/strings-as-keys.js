/*---
description: computed string keys built at run time find the same properties
tags: [string, object]
steps:
  - call: 0
    args: ["k", 3]
---*/
vmExport(0, (prefix, n) => {
  const o = {};
  for (let i = 0; i < n; i++) o[prefix + i] = i * i;
  return [o, o.k2, o['k' + 1]];
});
