/*---
description: updating nested objects through references
tags: [object, state]
steps:
  - call: 0
---*/
const state = { config: { level: 1 }, counts: { a: 0 } };
vmExport(0, () => {
  const c = state.config;
  c.level = c.level + 1;
  state.counts.a += 5;
  state.counts.b = 'new';
  return state;
});
