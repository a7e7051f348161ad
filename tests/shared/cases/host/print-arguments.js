/*---
description: print joins its arguments with single spaces; no arguments prints an empty line
tags: [host, print]
steps:
  - call: 0
---*/
const print = vmImport(1);
vmExport(0, () => {
  print();
  print('one');
  print('a', 'b', 'c');
  print(1, 2.5, -3, true, false, null, undefined);
  print('', 'x', '');
  print('  spaced  ');
});
