/*---
description: >-
  an instance created by the first call keeps its state across export calls
  (the 8.0.0 compiler cannot snapshot an instance created at the top level,
  Internal error)
tags: [class, state]
steps:
  - call: 0
    args: ["a"]
  - call: 0
    args: ["b"]
  - call: 1
---*/
class Log {
  constructor() { this.items = []; this.n = 0; }
  add(x) { this.items.push(x); this.n++; }
}
let log = null;
const getLog = () => { if (log === null) log = new Log(); return log; };
vmExport(0, (x) => getLog().add(x));
vmExport(1, () => [getLog().n, getLog().items]);
