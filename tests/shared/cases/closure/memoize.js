/*---
description: a memoizing closure over an object cache
tags: [closure, object]
steps:
  - call: 0
    args: [30]
  - call: 0
    args: [30]
  - call: 1
---*/
const cache = {};
let misses = 0;
function fib(n) {
  const key = 'k' + n;
  const hit = cache[key];
  if (hit !== undefined) return hit;
  misses++;
  const v = n < 2 ? n : fib(n - 1) + fib(n - 2);
  cache[key] = v;
  return v;
}
vmExport(0, (n) => fib(n));
vmExport(1, () => misses);
