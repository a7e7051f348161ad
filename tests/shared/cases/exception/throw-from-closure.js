/*---
description: a closure called through a higher-order function throws through it
tags: [exception, closure]
steps:
  - call: 0
---*/
const each = (arr, f) => { for (let i = 0; i < arr.length; i++) f(arr[i]); };
vmExport(0, () => {
  let seen = 0;
  try {
    each([1, 2, 3, 4], (x) => { seen = x; if (x === 3) throw 'stop at ' + x; });
  } catch (e) {
    return [e, seen];
  }
});
