// Closures: create counters that capture state, call them.
function counter(step) {
  let c = 0;
  return () => {
    c += step;
    return c;
  };
}
vmExport(1, (n) => {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const f = counter(i % 5);
    f();
    total = (total + f()) % 1000003;
  }
  return total;
});
