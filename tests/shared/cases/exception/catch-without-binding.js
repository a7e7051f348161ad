/*---
description: catch without a binding (optional catch binding)
tags: [exception]
steps:
  - call: 0
---*/
vmExport(0, () => {
  try {
    throw 'ignored';
  } catch {
    return 'handled';
  }
});
