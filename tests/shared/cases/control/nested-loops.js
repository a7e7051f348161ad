/*---
description: nested for loops with an early break (primes below 100)
tags: [control, loop]
steps:
  - call: 0
    args: [100]
---*/
vmExport(0, (limit) => {
  const primes = [];
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) { prime = false; break; }
    }
    if (prime) primes.push(n);
  }
  return primes;
});
