/*---
description: functions stored in object properties and called with this
tags: [object, function]
steps:
  - call: 0
    args: [4]
---*/
vmExport(0, (n) => {
  const o = { base: 10 };
  o.add = function (x) { return this.base + x; };
  o.arrow = (x) => x * 2;
  return [o.add(n), o.arrow(n), typeof o.add];
});
