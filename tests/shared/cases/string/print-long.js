/*---
description: printing a 3,000-byte string in one print line
tags: [string, long]
steps:
  - call: 0
    args: [300]
---*/
const print = vmImport(1);
vmExport(0, (n) => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789';
  print(s);
});
