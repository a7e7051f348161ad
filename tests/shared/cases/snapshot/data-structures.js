/*---
description: arrays, objects, strings and doubles built at run time survive a snapshot
tags: [snapshot, state]
steps:
  - call: 0
    args: [20]
  - snapshot
  - call: 1
  - call: 2
---*/
const state = { list: [], names: {}, total: 0 };
vmExport(0, (n) => {
  for (let i = 0; i < n; i++) {
    state.list.push(i / 4);
    state.names['n' + i] = 'v' + i * i;
    state.total += i * 0.1;
  }
});
vmExport(1, () => state.total);
vmExport(2, () => [state.list.length, state.list[7], state.names.n19, Reflect.ownKeys(state.names).length]);
