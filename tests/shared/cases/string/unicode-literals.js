/*---
description: >-
  non-ASCII string literals: Latin-1, CJK, emoji (surrogate pairs) and
  combining marks
tags: [string, unicode]
steps:
  - call: 0
  - call: 1
---*/
const print = vmImport(1);
vmExport(0, () => 'héllo wörld ☃ 日本語 😀 é');
vmExport(1, () => { print('naïve café', '𝄞'); return 'Ω' + '≈' + 'ç'; });
