/*---
description: closures and their captured scopes survive a snapshot
tags: [snapshot, closure]
steps:
  - call: 0
  - call: 1
  - snapshot
  - call: 1
  - call: 1
  - call: 2
---*/
let counter = null;
let adders = [];
vmExport(0, () => {
  let c = 0;
  counter = () => { c += 1; return c; };
  for (let i = 1; i <= 3; i++) adders.push((x) => x + i * 10);
});
vmExport(1, () => counter());
vmExport(2, () => [adders[0](1), adders[1](1), adders[2](1)]);
