/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). integer-like keys keep insertion order and
  Reflect.ownKeys returns them as numbers; V8 lists integer keys first, as
  strings.
tags: [quirk, object, key-order]
oracle: none
steps:
  - call: 0
---*/
const print = vmImport(1);
vmExport(0, () => {
  const o = { b: 1, a: 2 };
  o[2] = 3;
  o[1] = 4;
  o.c = 5;
  print(Reflect.ownKeys(o)[2] === 2);
  return [Reflect.ownKeys(o), o];
});
