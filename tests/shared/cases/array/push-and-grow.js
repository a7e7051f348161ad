/*---
description: push grows an array from empty to 100 elements
tags: [array]
steps:
  - call: 0
    args: [100]
---*/
vmExport(0, (n) => {
  const a = [];
  for (let i = 0; i < n; i++) a.push(i * i);
  return [a.length, a[0], a[50], a[99], a];
});
