/*---
description: an array of closures called in order
tags: [array, closure]
steps:
  - call: 0
    args: [3]
---*/
vmExport(0, (x) => {
  const fs = [(v) => v + 1, (v) => v * 2, (v) => v - 3];
  let v = x;
  for (let i = 0; i < fs.length; i++) v = fs[i](v);
  return v;
});
