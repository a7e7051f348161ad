// Recursive calls: fib(12) (465 calls, 12 deep) n times. Deeper recursion
// overflows the microvium package's own runtime (it aborts the process at
// fib(15)), so the depth stays low and the count comes from the loop.
function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
vmExport(1, (n) => {
  let t = 0;
  for (let i = 0; i < n; i++) t = (t + fib(12)) % 1000003;
  return t;
});
