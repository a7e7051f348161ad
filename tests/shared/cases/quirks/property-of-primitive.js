/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). reading a property of a number or string is a type
  error (V8 gives undefined); of null or undefined it is an engine error, not
  a catchable exception.
tags: [quirk, error]
oracle: none
steps:
  - call: 0
    args: [5]
  - call: 0
    args: ["abc"]
  - call: 0
    args: [null]
  - call: 1
    args: [5]
---*/
vmExport(0, (x) => x.foo);
vmExport(1, (x) => {
  try {
    return x.foo;
  } catch (e) {
    return 'caught';
  }
});
