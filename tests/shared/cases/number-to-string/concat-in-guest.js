/*---
description: numbers converted to strings inside the guest and stored
tags: [number-to-string, string]
steps:
  - call: 0
  - call: 1
---*/
let saved = '';
vmExport(0, () => {
  const z = 0;
  saved = 'a' + 0.1 + ',' + (2 / 3) + ',' + 1e21 + ',' + 1e-7 + ',' + (-1 * z) + ',' + (z / z) + ',' + 5e-324;
  return saved;
});
vmExport(1, () => saved);
