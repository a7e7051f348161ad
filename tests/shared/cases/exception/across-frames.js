/*---
description: an exception thrown three calls deep unwinds to the caller with a catch
tags: [exception]
steps:
  - call: 0
    args: [3]
  - call: 0
    args: [0]
---*/
const print = vmImport(1);
function c(n) { if (n > 0) throw 'deep ' + n; return 'ok'; }
function b(n) { print('b before'); const r = c(n); print('b after'); return r; }
function a(n) { return b(n); }
vmExport(0, (n) => {
  let r = 'none';
  try {
    r = a(n);
  } catch (e) {
    r = 'caught ' + e;
  }
  return r;
});
