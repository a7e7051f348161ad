/*---
description: compound assignment operators
tags: [control]
steps:
  - call: 0
    args: [7]
---*/
vmExport(0, (x) => {
  let a = x;
  const out = [];
  a += 3; out.push(a);
  a -= 1; out.push(a);
  a *= 2.5; out.push(a);
  a /= 4; out.push(a);
  a %= 3; out.push(a);
  a = 13;
  a <<= 2; out.push(a);
  a >>= 1; out.push(a);
  a >>>= 1; out.push(a);
  a &= 6; out.push(a);
  a |= 9; out.push(a);
  a ^= 5; out.push(a);
  return out;
});
