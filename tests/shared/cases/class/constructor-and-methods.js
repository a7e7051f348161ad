/*---
description: a class with a constructor, methods and this
tags: [class]
steps:
  - call: 0
    args: [3, 4]
---*/
class Point {
  constructor(x, y) { this.x = x; this.y = y; }
  norm2() { return this.x * this.x + this.y * this.y; }
  scale(k) { return new Point(this.x * k, this.y * k); }
}
vmExport(0, (x, y) => {
  const p = new Point(x, y);
  const q = p.scale(2);
  return [p.norm2(), q.x, q.y, q.norm2()];
});
