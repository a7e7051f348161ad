/*---
description: arrays and objects passed to echo come back with the same contents
tags: [host, echo]
steps:
  - call: 0
---*/
const echo = vmImport(2);
vmExport(0, () => {
  const a = echo([1, 'b', [true, null]]);
  const o = echo({ x: 1, y: { z: 'deep' } });
  return [a, o, a[2][0], o.y.z];
});
