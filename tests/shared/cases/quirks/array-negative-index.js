/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). reading a[-1] is a range error (V8 gives undefined);
  reading past the end gives undefined as in JavaScript.
tags: [quirk, array]
oracle: none
steps:
  - call: 0
    args: [-1]
  - call: 0
    args: [3]
  - call: 0
    args: [100]
---*/
vmExport(0, (i) => { const a = [1, 2, 3]; return a[i]; });
