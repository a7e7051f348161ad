/*---
description: static methods and static fields
tags: [class]
steps:
  - call: 0
  - call: 1
---*/
class Counter {
  static count = 0;
  static next() { Counter.count++; return Counter.count; }
}
vmExport(0, () => Counter.next());
vmExport(1, () => [Counter.next(), Counter.count]);
