/*---
description: 500 host round trips in one call
tags: [host, echo]
steps:
  - call: 0
    args: [500]
---*/
const echo = vmImport(2);
vmExport(0, (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += echo(i * 0.5);
  return s;
});
