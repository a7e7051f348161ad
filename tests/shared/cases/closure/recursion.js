/*---
description: >-
  recursive functions: naive Fibonacci and Ackermann
tags: [function, recursion]
steps:
  - call: 0
    args: [20]
  - call: 1
    args: [2, 3]
---*/
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
function ack(m, n) {
  if (m === 0) return n + 1;
  if (n === 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}
vmExport(0, (n) => fib(n));
vmExport(1, (m, n) => ack(m, n));
