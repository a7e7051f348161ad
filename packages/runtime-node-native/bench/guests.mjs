// CPU-bound guests for the benchmark: each exports `run(n)` as export 1 and
// returns a number so every runtime's answer can be checked against the others.
export const guests = {
  loop: {
    n: 300_000,
    source: `vmExport(1, (n) => { let s = 0; for (let i = 0; i < n; i++) { s = (s + i * 3) % 1000003; } return s; });`,
  },
  fib: {
    n: 26,
    source: `function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
vmExport(1, (n) => fib(n));`,
  },
  strings: {
    n: 120_000,
    source: `vmExport(1, (n) => {
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const s = 'k' + (i % 97) + '-' + (i % 13);
    if (s === 'k5-5') hits++;
  }
  return hits;
});`,
  },
  objects: {
    n: 100_000,
    source: `vmExport(1, (n) => {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const o = { a: i, b: i + 1, c: { d: i % 7 } };
    o.e = o.a + o.b;
    total = (total + o.e + o.c.d) % 1000003;
  }
  return total;
});`,
  },
  arrays: {
    n: 1_500,
    source: `vmExport(1, (n) => {
  let total = 0;
  for (let r = 0; r < n; r++) {
    const a = [];
    for (let i = 0; i < 100; i++) a.push(i * r);
    for (let i = 0; i < a.length; i++) total = (total + a[i]) % 1000003;
  }
  return total;
});`,
  },
  closures: {
    n: 120_000,
    source: `function counter(step) { let c = 0; return () => { c += step; return c; }; }
vmExport(1, (n) => {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const f = counter(i % 5);
    f();
    total = (total + f()) % 1000003;
  }
  return total;
});`,
  },
};
