/*---
description: prints before the gas runs out are kept in the transcript (Microvium-specific)
tags: [gas, limits]
oracle: none
steps:
  - gas: 3000
  - call: 0
---*/
const print = vmImport(1);
vmExport(0, () => {
  let i = 0;
  while (true) {
    if (i % 50 === 0) print('tick', i);
    i++;
  }
});
