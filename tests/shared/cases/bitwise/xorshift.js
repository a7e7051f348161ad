/*---
description: a xorshift32 pseudo-random sequence (shifts and xors only)
tags: [bitwise]
steps:
  - call: 0
    args: [2463534242, 20]
---*/
vmExport(0, (seed, n) => {
  let x = seed | 0;
  const out = [];
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    out.push(x >>> 0);
  }
  return out;
});
