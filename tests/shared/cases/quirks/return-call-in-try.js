/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  a compiler defect in microvium 8.0.0, reported to the lead). In
  `try { return f(); } catch (e) {...}` the compiler leaves the try block
  before it evaluates the return value, so an exception thrown by f() is not
  caught there and leaves the export; V8 catches it. Assigning first
  (`r = f();` inside the try, `return r` after it) behaves as in JavaScript.
tags: [quirk, exception, try]
oracle: none
steps:
  - call: 0
  - call: 1
  - call: 2
---*/
function fail() { throw 'boom'; }
vmExport(0, () => { try { return fail(); } catch (e) { return 'caught ' + e; } });
vmExport(1, () => { try { return 1 + fail(); } catch (e) { return 'caught ' + e; } });
vmExport(2, () => { let r = 0; try { r = fail(); } catch (e) { return 'caught ' + e; } return r; });
