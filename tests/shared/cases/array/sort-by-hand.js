/*---
description: an insertion sort written in the guest
tags: [array, loop]
steps:
  - call: 0
---*/
vmExport(0, () => {
  const a = [5, 3, 9, 1, 5.5, -2, 0, 7, 3];
  for (let i = 1; i < a.length; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
    a[j + 1] = v;
  }
  return a;
});
