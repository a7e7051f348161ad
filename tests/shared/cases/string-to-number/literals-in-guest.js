/*---
description: string literals in the guest converted at run time
tags: [string-to-number]
steps:
  - call: 0
---*/
vmExport(0, () => {
  const strs = ['42.5', ' 12 ', '0x1F', '1e3', '', 'abc', '-0', '1e21', '5e-324'];
  const out = [];
  for (let i = 0; i < strs.length; i++) out.push(+strs[i]);
  return out;
});
