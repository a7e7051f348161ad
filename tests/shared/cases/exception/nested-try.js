/*---
description: >-
  nested try blocks: the innermost matching catch wins and the outer one sees
  later throws
tags: [exception]
steps:
  - call: 0
---*/
vmExport(0, () => {
  const log = [];
  try {
    try {
      log.push('inner try');
      throw 'a';
    } catch (e) {
      log.push('inner catch ' + e);
    }
    log.push('between');
    throw 'b';
  } catch (e) {
    log.push('outer catch ' + e);
  }
  return log;
});
