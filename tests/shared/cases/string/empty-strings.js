/*---
description: empty strings in concatenation, print and returns
tags: [string]
steps:
  - call: 0
    args: [""]
---*/
const print = vmImport(1);
vmExport(0, (e) => { print(e); print(e, e); print(e + e); return [e, e + e, e === '']; });
