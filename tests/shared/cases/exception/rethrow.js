/*---
description: a catch block that throws again, caught by an outer try
tags: [exception]
steps:
  - call: 0
---*/
vmExport(0, () => {
  try {
    try {
      throw 1;
    } catch (e) {
      throw e + 1;
    }
  } catch (e2) {
    return e2 * 10;
  }
});
