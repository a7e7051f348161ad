/*---
description: a method overwritten on the instance and a method stored in a variable
tags: [class]
steps:
  - call: 0
---*/
class A {
  constructor() { this.k = 7; }
  get() { return this.k; }
}
vmExport(0, () => {
  const a = new A();
  const before = a.get();
  a.get = () => 'own';
  return [before, a.get()];
});
