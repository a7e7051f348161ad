/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). the global Number is a plain object holding isNaN, so
  typeof Number is object.
tags: [quirk]
oracle: none
steps:
  - call: 0
---*/
vmExport(0, () => [typeof Number, typeof Number.isNaN, typeof Reflect, typeof Promise, typeof Microvium]);
