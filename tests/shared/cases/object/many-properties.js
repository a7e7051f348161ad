/*---
description: an object with 60 properties added at run time
tags: [object]
steps:
  - call: 0
    args: [60]
---*/
vmExport(0, (n) => {
  const o = {};
  for (let i = 0; i < n; i++) o['p' + i] = i;
  let sum = 0;
  const keys = Reflect.ownKeys(o);
  for (let i = 0; i < keys.length; i++) sum += o[keys[i]];
  return [keys.length, sum, o.p0, o.p59];
});
