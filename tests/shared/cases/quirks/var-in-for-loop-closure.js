/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). closures capturing a var loop variable: Microvium
  8.0.0 gets a non-callable value back from the array (V8 gives [3,3,3]).
tags: [quirk, closure]
oracle: none
steps:
  - call: 0
---*/
vmExport(0, () => {
  const fs = [];
  for (var i = 0; i < 3; i++) fs.push(() => i);
  return [fs[0](), fs[1](), fs[2]()];
});
