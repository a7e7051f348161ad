/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). the 8.0.0 compiler ends the try block before the call
  in `return f()`, so an exception thrown by f escapes the catch (V8 catches
  it).
tags: [quirk, exception]
oracle: none
steps:
  - call: 0
  - call: 1
---*/
function f() { throw 'x'; }
vmExport(0, () => {
  try {
    return f();
  } catch (e) {
    return 'caught ' + e;
  }
});
vmExport(1, () => {
  let r = 'none';
  try {
    r = f();
  } catch (e) {
    r = 'caught ' + e;
  }
  return r;
});
