/*---
description: exceptions thrown and caught inside a loop keep the loop going
tags: [exception, loop]
steps:
  - call: 0
    args: [6]
---*/
vmExport(0, (n) => {
  let log = '';
  for (let i = 0; i < n; i++) {
    try {
      if (i % 2 === 1) throw i;
      log += 'a' + i;
    } catch (e) {
      log += 'c' + e;
    }
  }
  return log;
});
