/*---
description: two closures sharing one scope see the writes of each other
tags: [closure]
steps:
  - call: 0
    args: [5]
  - call: 1
  - call: 0
    args: [-2]
  - call: 1
---*/
function pair() {
  let v = 0;
  return [(d) => { v += d; }, () => v];
}
const p = pair();
vmExport(0, (d) => p[0](d));
vmExport(1, () => p[1]());
