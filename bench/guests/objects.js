// Object property churn: create small objects, add, read and overwrite properties.
vmExport(1, (n) => {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const o = { a: i, b: i + 1, c: { d: i % 7 } };
    o.e = o.a + o.b;
    o.a = o.e - o.c.d;
    total = (total + o.e + o.c.d + o.a) % 1000003;
  }
  return total;
});
