// Array push and indexed reads.
vmExport(1, (n) => {
  let total = 0;
  for (let r = 0; r < n; r++) {
    const a = [];
    for (let i = 0; i < 100; i++) a.push(i * r);
    for (let i = 0; i < a.length; i++) total = (total + a[i]) % 1000003;
  }
  return total;
});
