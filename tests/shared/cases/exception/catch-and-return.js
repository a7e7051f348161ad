/*---
description: catching a thrown value and returning something derived from it
tags: [exception]
steps:
  - call: 0
    args: ["x"]
  - call: 0
    args: [7]
---*/
vmExport(0, (v) => {
  try {
    throw v;
  } catch (e) {
    return ['caught', e];
  }
});
