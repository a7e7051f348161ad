/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). await on a value that is not a promise (await 0) is
  an engine error; V8 awaits the value.
tags: [quirk, async]
oracle: none
steps:
  - call: 0
---*/
const print = vmImport(1);
async function f() {
  print('before');
  await 0;
  print('after');
}
vmExport(0, () => { f(); print('sync'); });
