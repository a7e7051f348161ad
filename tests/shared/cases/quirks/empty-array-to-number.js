/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). [] converts to NaN, not 0, and [5] to NaN, not 5
  (Microvium has no Array.prototype.toString).
tags: [quirk, array]
oracle: none
steps:
  - call: 0
---*/
vmExport(0, () => [[] * 1, [5] * 1]);
