/*---
description: non-ASCII strings passed as arguments and echoed through the host
tags: [string, unicode, host]
steps:
  - call: 0
    args: ["héllo"]
  - call: 0
    args: ["日本語"]
  - call: 0
    args: ["😀🎉"]
  - call: 0
    args: ["ÿ߿ࠀ￿"]
---*/
const print = vmImport(1);
const echo = vmImport(2);
vmExport(0, (s) => { const t = echo(s); print(t); return [t, t === s, s + t]; });
