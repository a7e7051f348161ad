/*---
description: a long string of multi-byte characters (2,400 bytes of UTF-8)
tags: [string, unicode, long]
steps:
  - call: 0
    args: [200]
---*/
const print = vmImport(1);
vmExport(0, (n) => {
  let s = '';
  for (let i = 0; i < n; i++) s += '日本語é';
  print(s);
  return s;
});
