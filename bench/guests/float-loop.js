// Double arithmetic in a tight loop (no Math: Microvium has none).
vmExport(1, (n) => {
  let x = 0.5;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    x = x * 1.000001 + 0.25;
    if (x > 1000) x = x / 3.5;
    acc = acc + x * 0.125;
  }
  return acc;
});
