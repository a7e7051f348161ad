/*---
description: a thrown object built at run time keeps its fields and nested data
tags: [exception, encoding]
steps:
  - call: 0
    args: [5]
---*/
vmExport(0, (n) => {
  const details = [];
  for (let i = 0; i < n; i++) details.push(i * i);
  throw { kind: 'range', n: n, details: details, nested: { ok: false } };
});
