/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). strings have no .length in Microvium 8.0.0 (a type
  error) and no indexing ('abc'[1]).
tags: [quirk, string]
oracle: none
steps:
  - call: 0
    args: ["abc"]
  - call: 1
    args: ["abc"]
---*/
vmExport(0, (s) => s.length);
vmExport(1, (s) => s[1]);
