/*---
description: each iteration of a for-let loop captures a fresh binding
tags: [closure, loop]
steps:
  - call: 0
    args: [4]
---*/
vmExport(0, (n) => {
  const fs = [];
  for (let i = 0; i < n; i++) fs.push(() => i * 10);
  const out = [];
  for (let i = 0; i < fs.length; i++) out.push(fs[i]());
  return out;
});
