/*---
description: building and dropping many strings (string garbage) with a surviving result
tags: [gc, string]
steps:
  - call: 0
    args: [3000]
  - heap
---*/
vmExport(0, (n) => {
  let kept = '';
  for (let i = 0; i < n; i++) {
    const s = 'item-' + i + '-' + (i * 0.5);
    if (i % 1000 === 0) kept += s + ';';
  }
  return kept;
});
