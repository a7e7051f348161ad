/*---
description: >-
  Engine deviation from JavaScript, identical on every target (oracle none;
  reported to the lead). calling a non-function is an engine error (error
  MVM_E_TYPE_ERROR_TARGET_IS_NOT_CALLABLE), not a catchable TypeError.
tags: [quirk, error]
oracle: none
steps:
  - call: 0
  - call: 1
---*/
vmExport(0, () => { const x = 5; return x(); });
vmExport(1, () => {
  try {
    const x = 5;
    x();
  } catch (e) {
    return 'caught';
  }
  return 'not caught';
});
