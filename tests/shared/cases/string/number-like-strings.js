/*---
description: strings that look like numbers stay strings; + concatenates them
tags: [string, string-to-number]
steps:
  - call: 0
    args: ["1", "2"]
  - call: 0
    args: ["0.1", "0.2"]
  - call: 0
    args: ["-0", ""]
---*/
vmExport(0, (a, b) => [a + b, typeof (a + b), a - b]);
