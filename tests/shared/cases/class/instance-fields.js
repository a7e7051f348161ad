/*---
description: class fields with initialisers are set before the constructor body
tags: [class]
steps:
  - call: 0
---*/
class A {
  x = 1;
  y = 'two';
  constructor() { this.z = this.x + 1; }
}
vmExport(0, () => { const a = new A(); return [a.x, a.y, a.z]; });
