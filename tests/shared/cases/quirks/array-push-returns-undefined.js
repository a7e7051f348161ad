/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). Array.prototype.push (from the runtime library)
  returns undefined and pushes only its first argument.
tags: [quirk, array]
oracle: none
steps:
  - call: 0
---*/
vmExport(0, () => { const a = [1]; const r = a.push(2, 3); return [r, a]; });
