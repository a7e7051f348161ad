/*---
description: arguments of every plain kind arrive with the right type and value
tags: [host, args]
steps:
  - call: 0
    args: [null, true, 7, -0.0, "str", [1, [2]], {"k": "v"}]
---*/
const print = vmImport(1);
vmExport(0, (a, b, c, d, e, f, g) => {
  print(typeof a, typeof b, typeof c, typeof d, typeof e, typeof f, typeof g);
  return [a, b, c, d, 1 / d, e, f, g];
});
