/*---
description: returns from inside loops and nested blocks
tags: [control]
steps:
  - call: 0
    args: [3]
  - call: 0
    args: [42]
  - call: 0
    args: [-1]
---*/
function find(list, v) {
  for (let i = 0; i < list.length; i++) {
    if (list[i] === v) {
      if (i > 0) return 'found at ' + i;
      return 'found first';
    }
  }
  return 'missing';
}
vmExport(0, (v) => find([3, 7, 42], v));
