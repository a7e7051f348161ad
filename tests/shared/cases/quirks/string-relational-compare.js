/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). < and > on two strings convert both to numbers
  instead of comparing code units: 'b' > 'a' is false, '10' < '9' is false.
tags: [quirk, string, compare]
oracle: none
steps:
  - call: 0
    args: ["b", "a"]
  - call: 0
    args: ["10", "9"]
  - call: 0
    args: ["abc", "abd"]
  - call: 0
    args: ["2", "10"]
---*/
vmExport(0, (a, b) => [a < b, a > b, a <= b, a >= b]);
