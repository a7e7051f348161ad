/*---
description: functions passed as arguments and returned (map, filter, compose written by hand)
tags: [closure, function]
steps:
  - call: 0
---*/
const map = (arr, f) => { const out = []; for (let i = 0; i < arr.length; i++) out.push(f(arr[i], i)); return out; };
const filter = (arr, p) => { const out = []; for (let i = 0; i < arr.length; i++) if (p(arr[i])) out.push(arr[i]); return out; };
const compose = (f, g) => (x) => f(g(x));
vmExport(0, () => {
  const inc = (x) => x + 1;
  const dbl = (x) => x * 2;
  return [map([1, 2, 3], compose(inc, dbl)), filter([1, 2, 3, 4, 5, 6], (x) => x % 2 === 0), map(['a', 'b'], (s, i) => s + i)];
});
