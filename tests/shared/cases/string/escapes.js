/*---
description: >-
  control characters and escapes in returned strings (JSON-style) and printed
  text (only \\ and newline escaped)
tags: [string, encoding]
steps:
  - call: 0
  - call: 1
---*/
const print = vmImport(1);
vmExport(0, () => '\u0000\u0001\u001f\b\f\n\r\t"\\/\u007f');
vmExport(1, () => { print('line1\nline2\\end\ttab'); print('"quoted"'); });
