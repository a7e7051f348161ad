/*---
description: closures nested four levels deep read every enclosing scope
tags: [closure]
steps:
  - call: 0
    args: [1]
---*/
vmExport(0, (a) => {
  const b = a + 1;
  const f = (c) => {
    const g = (d) => {
      const h = (e) => a + b + c + d + e;
      return h(100);
    };
    return g(10);
  };
  return f(5);
});
