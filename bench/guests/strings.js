// String building: concatenation of numbers and short strings, comparisons.
vmExport(1, (n) => {
  let hits = 0;
  let line = '';
  for (let i = 0; i < n; i++) {
    const key = 'k' + (i % 97) + '-' + (i % 13);
    if (key === 'k5-5') hits++;
    line = line + (i % 10);
    if (i % 40 === 39) {
      if (line === '0123456789012345678901234567890123456789') hits += 2;
      line = '';
    }
  }
  return hits;
});
