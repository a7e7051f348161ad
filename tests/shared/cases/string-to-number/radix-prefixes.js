/*---
description: hexadecimal, octal and binary prefixes (no sign allowed)
tags: [string-to-number]
steps:
  - call: 0
    args: ["0x1F"]
  - call: 0
    args: ["0X1f"]
  - call: 0
    args: ["0o17"]
  - call: 0
    args: ["0b101"]
  - call: 0
    args: ["-0x10"]
  - call: 0
    args: ["0x"]
  - call: 0
    args: ["0xG"]
  - call: 0
    args: ["0x7fffffffffffffff"]
---*/
const print = vmImport(1);
vmExport(0, (s) => {
  const x = +s;
  print(x);
  return x;
});
