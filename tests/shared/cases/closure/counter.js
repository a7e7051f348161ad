/*---
description: a closure over a mutable variable keeps its state across calls
tags: [closure]
steps:
  - call: 0
  - call: 0
  - call: 0
  - call: 1
---*/
const make = () => {
  let n = 0;
  return () => { n++; return n; };
};
const c = make();
const d = make();
vmExport(0, () => c());
vmExport(1, () => [c(), d(), d()]);
