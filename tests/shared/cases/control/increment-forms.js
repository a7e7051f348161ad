/*---
description: >-
  prefix and postfix increments on variables and properties (a[i]++ does not
  compile in 8.0.0)
tags: [control]
steps:
  - call: 0
---*/
vmExport(0, () => {
  let x = 1;
  const o = { n: 1 };
  const r = [x++, ++x, x--, --x, o.n++, ++o.n, o.n--, --o.n];
  return [r, x, o.n];
});
