/*---
description: string equality across literals, concatenations and host round trips
tags: [string, compare]
steps:
  - call: 0
    args: ["abc"]
---*/
const echo = vmImport(2);
vmExport(0, (s) => {
  const built = 'a' + 'b' + 'c';
  let loop = '';
  const parts = ['a', 'b', 'c'];
  for (let i = 0; i < 3; i++) loop += parts[i];
  return [s === 'abc', built === s, loop === s, echo(s) === loop, s !== 'abd', s === 'ab'];
});
