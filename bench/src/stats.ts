/** Small statistics and formatting helpers. */

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function geomean(xs: readonly number[]): number {
  const ok = xs.filter((x) => Number.isFinite(x) && x > 0);
  if (ok.length === 0) return NaN;
  return Math.exp(ok.reduce((a, x) => a + Math.log(x), 0) / ok.length);
}

/** A number with about 3 significant digits (1234 -> "1234", 12.34 -> "12.3", 0.1234 -> "0.123"). */
export function sig(x: number | undefined, digits = 3): string {
  if (x === undefined || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a >= 10 ** digits) return Math.round(x).toLocaleString('en-US');
  if (a === 0) return '0';
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(a)));
  return x.toFixed(Math.min(decimals, 6));
}

export function ratio(x: number | undefined, base: number | undefined): number | undefined {
  if (x === undefined || base === undefined || !Number.isFinite(x) || !Number.isFinite(base) || base <= 0) return undefined;
  return x / base;
}

export const nowNs = (): number => Number(process.hrtime.bigint());
