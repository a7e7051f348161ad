/*---
description: typeof for every kind of value
tags: [string, typeof]
steps:
  - call: 0
---*/
class C {}
vmExport(0, () => {
  const u = Microvium.newUint8Array(1);
  return [typeof 1, typeof 1.5, typeof 'a', typeof true, typeof undefined, typeof null, typeof {}, typeof [], typeof (() => 1), typeof C, typeof new C(), typeof u];
});
