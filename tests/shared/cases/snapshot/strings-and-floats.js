/*---
description: >-
  run-time strings (including non-ASCII) and awkward doubles, -0 among them,
  survive a snapshot exactly
tags: [snapshot, string, float]
steps:
  - call: 0
    args: [-0.0]
  - snapshot
  - call: 1
---*/
const print = vmImport(1);
let saved = null;
vmExport(0, (negZero) => {
  saved = { s: 'héllo ' + 1e21 + ' ' + 5e-324, d: [0.1 + 0.2, negZero, 1 / 3, 2 ** 53 + 2], u: '日本' + '語' };
});
vmExport(1, () => { print(saved.s, saved.d[0], saved.d[1]); return saved; });
