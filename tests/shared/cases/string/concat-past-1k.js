/*---
description: building a 2,000-byte string by repeated concatenation and returning it
tags: [string, long]
steps:
  - call: 0
    args: [200]
---*/
vmExport(0, (n) => {
  let s = '';
  for (let i = 0; i < n; i++) s += 'abcdefghij';
  return s;
});
