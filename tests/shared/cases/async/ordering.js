/*---
description: the interleaving of three nested async functions and the caller
tags: [async, ordering]
steps:
  - call: 0
---*/
const print = vmImport(1);
async function c() { print('c'); }
async function b() { print('b1'); await c(); print('b2'); }
async function a() { print('a1'); await b(); print('a2'); }
vmExport(0, () => { a(); print('main'); });
