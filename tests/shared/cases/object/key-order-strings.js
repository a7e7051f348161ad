/*---
description: string keys keep insertion order, also after overwriting an existing key
tags: [object, key-order]
steps:
  - call: 0
---*/
vmExport(0, () => {
  const o = { z: 1, a: 2 };
  o.m = 3;
  o.z = 4;
  o.b = 5;
  return [Reflect.ownKeys(o), o];
});
