// GC pressure near the heap limit (24 KiB): keep about 13 KB of arrays of
// doubles alive while allocating short-lived arrays and objects, so the
// collector runs often with a large live set.
let live = undefined;
vmExport(1, (n) => {
  if (!live) {
    live = [];
    for (let c = 0; c < 11; c++) {
      const chunk = [];
      for (let i = 0; i < 100; i++) chunk.push(c * 100 + i + 0.5);
      live.push(chunk);
    }
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const t = [i, i + 1, { v: i }];
    sum = (sum + t[1] + t[2].v + live[i % 11][i % 100]) % 1000003;
  }
  return sum;
});
