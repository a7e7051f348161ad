/*---
description: >-
  a 32-bit string-free hash (FNV-style on numbers) relying on >>> 0 and
  multiplication overflow
tags: [bitwise, overflow]
steps:
  - call: 0
    args: [10]
  - call: 0
    args: [1000]
---*/
vmExport(0, (n) => {
  let h = 2166136261;
  for (let i = 0; i < n; i++) {
    h = (h ^ (i & 255)) >>> 0;
    h = (h * 16777619) % 4294967296;
  }
  return h;
});
