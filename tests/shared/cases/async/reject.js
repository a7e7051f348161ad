/*---
description: a rejected promise is caught by try/catch around await
tags: [async, promise, exception]
steps:
  - call: 0
---*/
const print = vmImport(1);
vmExport(0, () => {
  let reject;
  const p = new Promise((res, rej) => { reject = rej; });
  const run = async () => {
    try {
      await p;
      print('not reached');
    } catch (e) {
      print('rejected', e);
    }
  };
  run();
  reject('nope');
  print('after reject');
});
