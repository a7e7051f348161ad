/*---
description: leading and trailing white space and line terminators are ignored
tags: [string-to-number]
steps:
  - call: 0
    args: [" 12 "]
  - call: 0
    args: ["\t\n 42 \r"]
  - call: 0
    args: [" 12 "]
  - call: 0
    args: ["﻿7"]
  - call: 0
    args: [" "]
  - call: 0
    args: [""]
---*/
const print = vmImport(1);
vmExport(0, (s) => {
  const x = +s;
  print(x);
  return x;
});
