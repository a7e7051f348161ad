/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). new on a plain function is an engine error: only
  classes construct.
tags: [quirk, class]
oracle: none
steps:
  - call: 0
---*/
function F() { this.x = 1; }
vmExport(0, () => new F().x);
