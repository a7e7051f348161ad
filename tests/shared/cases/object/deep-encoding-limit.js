/*---
description: objects nested deeper than 8 levels encode the rest as ...
tags: [object, encoding]
steps:
  - call: 0
---*/
vmExport(0, () => {
  let o = { end: true };
  for (let i = 0; i < 10; i++) o = { level: i, next: o };
  return o;
});
