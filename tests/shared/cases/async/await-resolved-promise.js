/*---
description: awaiting an already-resolved promise still defers the continuation
tags: [async, ordering]
steps:
  - call: 0
---*/
const print = vmImport(1);
vmExport(0, () => {
  const p = new Promise((res) => res('ready'));
  const f = async () => { print('before await'); const v = await p; print('after await', v); };
  f();
  print('caller continues');
});
