/*---
description: a long string of numbers joined by commas (number-to-string inside concatenation)
tags: [string, long, number-to-string]
steps:
  - call: 0
    args: [300]
---*/
vmExport(0, (n) => {
  let s = '';
  for (let i = 0; i < n; i++) s += i * 7 + ',';
  return s;
});
