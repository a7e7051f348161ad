/*---
description: switch with fall-through, default and string cases
tags: [control]
steps:
  - call: 0
    args: [1]
  - call: 0
    args: [2]
  - call: 0
    args: [3]
  - call: 0
    args: ["x"]
  - call: 0
    args: ["y"]
  - call: 0
    args: [9]
---*/
vmExport(0, (v) => {
  const out = [];
  switch (v) {
    case 1:
      out.push('one');
    case 2:
      out.push('two or fell');
      break;
    case 'x':
      out.push('ex');
      break;
    case 3:
      return 'three';
    default:
      out.push('default');
  }
  return out;
});
