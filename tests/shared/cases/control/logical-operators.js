/*---
description: >-
  &&, || and ! return operands, with short-circuit side effects
tags: [control]
steps:
  - call: 0
---*/
vmExport(0, () => {
  let calls = 0;
  const t = () => { calls++; return true; };
  const r = [0 && t(), 1 && 'x', '' || 'y', null || 0, !'', !!'a', false || t(), true || t()];
  return [r, calls];
});
