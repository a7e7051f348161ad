/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). an exception thrown by a Promise executor propagates
  out of new Promise (V8 rejects the promise instead).
tags: [quirk, async, exception]
oracle: none
steps:
  - call: 0
---*/
vmExport(0, () => {
  const p = new Promise(() => { throw 'exec'; });
  return 'unreachable';
});
