// Integer arithmetic in a tight loop: int32 adds, multiplies and remainders.
vmExport(1, (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) {
    s = (s + i * 3) % 1000003;
  }
  return s;
});
