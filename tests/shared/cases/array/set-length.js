/*---
description: assigning length truncates and extends
tags: [array]
steps:
  - call: 0
---*/
vmExport(0, () => {
  const a = [1, 2, 3, 4, 5];
  a.length = 2;
  const b = [1];
  b.length = 4;
  return [a, b];
});
