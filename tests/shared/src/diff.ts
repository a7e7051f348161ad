/** A small unified diff of two transcripts (line-based, LCS). */

export function unifiedDiff(
  expected: readonly string[],
  actual: readonly string[],
  labels: { expected: string; actual: string } = { expected: 'expected', actual: 'actual' },
  context = 3,
): string {
  const n = expected.length;
  const m = actual.length;
  // LCS table; transcripts are short (a few hundred lines at most).
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = expected[i] === actual[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  type Op = { kind: ' ' | '-' | '+'; text: string; a: number; b: number };
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] === actual[j]) ops.push({ kind: ' ', text: expected[i++]!, a: i, b: ++j });
    else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push({ kind: '-', text: expected[i++]!, a: i, b: j });
    else ops.push({ kind: '+', text: actual[j++]!, a: i, b: j });
  }
  if (ops.every((o) => o.kind === ' ')) return '';
  const out = [`--- ${labels.expected}`, `+++ ${labels.actual}`];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.kind === ' ') {
      k++;
      continue;
    }
    const start = Math.max(0, k - context);
    let end = k;
    // Extend the hunk while changes are within 2*context lines of each other.
    for (let last = k; end < ops.length; end++) {
      if (ops[end]!.kind !== ' ') last = end;
      else if (end - last > 2 * context) break;
    }
    let stop = end;
    while (stop > k && ops[stop - 1]!.kind === ' ') stop--;
    stop = Math.min(ops.length, stop + context);
    const hunk = ops.slice(start, stop);
    const aStart = hunk.find((o) => o.kind !== '+');
    const bStart = hunk.find((o) => o.kind !== '-');
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aStart ? aStart.a : 0},${aCount} +${bStart ? bStart.b : 0},${bCount} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.text}`);
    k = stop;
  }
  return out.join('\n');
}
