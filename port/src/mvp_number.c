/*
 * mvp_number.c: Number <-> string conversions with ECMAScript semantics,
 * bit-identical on every target.
 *
 * Integer arithmetic only, apart from one IEEE 754 multiplication or
 * division on exact operands in Clinger's fast path (correctly rounded, so
 * the same everywhere). No libc formatting or parsing, no libm, no long
 * double, no 128-bit integers; 64-bit integers are used. Compile with
 * -ffp-contract=off like the rest of the port layer.
 *
 *  - mvp_number_to_string: Number::toString(x) (radix 10). Integers below
 *    2^53 are printed directly; everything else goes through the free-format
 *    shortest-digits algorithm (Steele & White, Burger & Dybvig) on exact big
 *    integers. When several shortest digit strings round-trip, the one
 *    closest to x is chosen, and an exact tie goes to the even digit, as V8
 *    does.
 *  - mvp_string_to_number: StringToNumber, correctly rounded (round half to
 *    even). Decimal input is approximated in 64-bit fixed point with a table
 *    of powers of ten; when that is too close to a rounding boundary to
 *    decide, the exact decimal (at most 800 significant digits plus a sticky
 *    digit: halfway points between doubles have at most 767) is compared
 *    with the boundary on big integers.
 *
 * Stack: the deepest chains are about 0.9 KB (mvp_number_to_string, four
 * 152-byte big integers) and 1 KB (mvp_string_to_number, two 360-byte big
 * integers) on Cortex-M3 with -Os. Tests: port/test/number_test.c and
 * port/scripts/verify-numbers.mjs (against V8).
 */
#include <stdarg.h>
#include <string.h>

#include "mvp.h"

/* ---- Doubles as bits ------------------------------------------------------ */

#define MVP_HIDDEN_BIT ((uint64_t)1 << 52)

static uint64_t mvp_dbl_bits(double x) {
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return u;
}

static double mvp_dbl_from_bits(uint64_t u) {
  double x;
  memcpy(&x, &u, sizeof x);
  return x;
}

/* m * 2^q, where m <= 2^53 and the value is exact in binary64 unless it
   overflows (then Infinity). q is -1074 when m < 2^52 (a subnormal). */
static double mvp_make_double(uint64_t m, int q, int neg) {
  uint64_t bits;
  if (m == 0) {
    bits = 0;
  } else {
    if (m >> 53) { /* a carry out of rounding */
      m >>= 1;
      q++;
    }
    if (m < MVP_HIDDEN_BIT) {
      bits = m; /* subnormal: q == -1074 */
    } else if (q + 1075 >= 0x7FF) {
      bits = (uint64_t)0x7FF << 52;
    } else {
      bits = ((uint64_t)(q + 1075) << 52) | (m - MVP_HIDDEN_BIT);
    }
  }
  if (neg) bits |= (uint64_t)1 << 63;
  return mvp_dbl_from_bits(bits);
}

/* Number of significant bits of v (0 for 0). */
static int mvp_bitlen64(uint64_t v) {
  int n = 0;
  if (v >> 32) { n = 32; v >>= 32; }
  while (v) { n++; v >>= 1; }
  return n;
}

/* ---- Big unsigned integers ------------------------------------------------ */

/* Little-endian 32-bit words, no leading zero words (0 has n == 0). The
   storage lives on the caller's stack; writes never go past `cap` (the sizes
   used below are chosen so that they are never reached). */
typedef struct mvp_big {
  uint32_t *d;
  int n;
  int cap;
} mvp_big;

static void mvp_big_init(mvp_big *b, uint32_t *store, int cap) {
  b->d = store;
  b->n = 0;
  b->cap = cap;
}

static void mvp_big_trim(mvp_big *b) {
  while (b->n > 0 && b->d[b->n - 1] == 0) b->n--;
}

static void mvp_big_set(mvp_big *b, uint64_t v) {
  b->n = 0;
  while (v && b->n < b->cap) {
    b->d[b->n++] = (uint32_t)v;
    v >>= 32;
  }
}

/* b = b * m + a */
static void mvp_big_muladd(mvp_big *b, uint32_t m, uint32_t a) {
  uint64_t carry = a;
  int i;
  for (i = 0; i < b->n; i++) {
    uint64_t t = (uint64_t)b->d[i] * m + carry;
    b->d[i] = (uint32_t)t;
    carry = t >> 32;
  }
  if (carry && b->n < b->cap) b->d[b->n++] = (uint32_t)carry;
  if (m == 0) mvp_big_trim(b);
}

/* b = b * 5^e */
static void mvp_big_mul_pow5(mvp_big *b, int e) {
  uint32_t m = 1;
  for (; e >= 13; e -= 13) mvp_big_muladd(b, 1220703125u, 0); /* 5^13 */
  while (e-- > 0) m *= 5;
  if (m != 1) mvp_big_muladd(b, m, 0);
}

/* b = b << bits */
static void mvp_big_shl(mvp_big *b, int bits) {
  int ws = bits >> 5, bs = bits & 31, n, i;
  if (b->n == 0 || bits <= 0) return;
  n = b->n + ws + (bs != 0);
  if (n > b->cap) n = b->cap;
  for (i = n - 1; i >= 0; i--) {
    int j = i - ws;
    uint32_t hi = (j >= 0 && j < b->n) ? b->d[j] : 0;
    uint32_t lo = (j >= 1 && j - 1 < b->n) ? b->d[j - 1] : 0;
    b->d[i] = bs ? (hi << bs) | (lo >> (32 - bs)) : hi;
  }
  b->n = n;
  mvp_big_trim(b);
}

static int mvp_big_cmp(const mvp_big *a, const mvp_big *b) {
  int i;
  if (a->n != b->n) return a->n < b->n ? -1 : 1;
  for (i = a->n - 1; i >= 0; i--) {
    if (a->d[i] != b->d[i]) return a->d[i] < b->d[i] ? -1 : 1;
  }
  return 0;
}

/* Compares a + b with c (-1, 0, 1) without computing the sum. */
static int mvp_big_plus_cmp(const mvp_big *a, const mvp_big *b, const mvp_big *c) {
  int n = a->n > b->n ? a->n : b->n;
  int64_t diff = 0; /* c - a - b over the words seen so far */
  int i;
  if (n > c->n) return 1;
  if (n + 1 < c->n) return -1;
  for (i = c->n - 1; i >= 0; i--) {
    diff = diff * 4294967296 + (int64_t)c->d[i] - (int64_t)(i < a->n ? a->d[i] : 0) -
           (int64_t)(i < b->n ? b->d[i] : 0);
    /* The words below can still add less than 2 units to a + b and less
       than 1 unit to c. */
    if (diff >= 2) return -1;
    if (diff < 0) return 1;
  }
  return diff == 0 ? 0 : -1;
}

/* a = a - b, where a >= b */
static void mvp_big_sub(mvp_big *a, const mvp_big *b) {
  uint32_t borrow = 0;
  int i;
  for (i = 0; i < a->n && (i < b->n || borrow); i++) {
    uint64_t t = (uint64_t)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
    a->d[i] = (uint32_t)t;
    borrow = (uint32_t)(t >> 32) & 1;
  }
  mvp_big_trim(a);
}

/* Returns floor(r / s) and leaves r mod s in r. Requires r < 10 * s and the
   top word of s in [2^27, 2^28), so r has no more words than s and the
   estimate from the top words is off by at most one. */
static uint32_t mvp_big_divmod_small(mvp_big *r, const mvp_big *s) {
  int n = s->n, i;
  uint32_t q;
  if (r->n < n) return 0;
  q = r->d[n - 1] / (s->d[n - 1] + 1); /* never more than the quotient */
  if (q && r->n == n) {
    uint64_t carry = 0;
    uint32_t borrow = 0;
    for (i = 0; i < n; i++) {
      uint64_t p = (uint64_t)s->d[i] * q + carry;
      uint64_t t = (uint64_t)r->d[i] - (uint32_t)p - borrow;
      carry = p >> 32;
      r->d[i] = (uint32_t)t;
      borrow = (uint32_t)(t >> 32) & 1;
    }
    mvp_big_trim(r);
  } else {
    q = 0;
  }
  while (mvp_big_cmp(r, s) >= 0) {
    mvp_big_sub(r, s);
    q++;
  }
  return q;
}

/* ---- Number to string -------------------------------------------------------- */

/* Enough for 10 * 2^1076 and the normalising shift (about 1115 bits). */
#define MVP_DTOA_WORDS 38

/* floor(p * log10(2)) for |p| <= 1100 (checked by the unit test). */
static int mvp_floor_log10_pow2(int p) {
  return p >= 0 ? (int)(((int32_t)p * 315653) >> 20)
                : -(int)((((int32_t)-p * 315653) + (1 << 20) - 1) >> 20);
}

/* b = b * 10^n */
static void mvp_big_mul_pow10(mvp_big *b, int n) {
  mvp_big_mul_pow5(b, n);
  mvp_big_shl(b, n);
}

/* Shortest digits of f * 2^e (f > 0): writes the digits (as '0'..'9', no
   trailing zeros) to `dig` and the decimal exponent k such that the value
   is 0.d1d2... * 10^k. Returns the number of digits. */
static int mvp_shortest(uint64_t f, int e, char *dig, int *k_out) {
  /* value = R / S; half the gap to the next double up is P / S, half the gap
     down is M / S (M is P unless the gap below is narrower). */
  enum { R, S, P, M };
  uint32_t store[4][MVP_DTOA_WORDS];
  mvp_big b[4];
  int even = (f & 1) == 0;
  int unequal = f == MVP_HIDDEN_BIT && e > -1074;
  int up = e > 0 ? e : 0, down = e < 0 ? -e : 0;
  int shifts[4];
  int k, nd = 0, i, shift;
  mvp_big *m = &b[unequal ? M : P];

  shifts[R] = up + 1 + unequal;
  shifts[S] = down + 1 + unequal;
  shifts[P] = up + unequal;
  shifts[M] = up;
  for (i = 0; i < 4; i++) {
    mvp_big_init(&b[i], store[i], MVP_DTOA_WORDS);
    mvp_big_set(&b[i], i == R ? f : 1);
    mvp_big_shl(&b[i], shifts[i]);
  }

  /* Scale by 10^-k, with k an estimate from below of ceil(log10(high)). */
  {
    int p = e + mvp_bitlen64(f) - 1; /* 2^p <= value < 2^(p+1) */
    k = mvp_floor_log10_pow2(p) + (p != 0);
  }
  for (i = 0; i < 4; i++) {
    if (i == S) {
      if (k > 0) mvp_big_mul_pow10(&b[i], k);
    } else if (k < 0 && (i != M || unequal)) {
      mvp_big_mul_pow10(&b[i], -k);
    }
  }
  for (;;) { /* fix up the estimate: the upper bound must stay below 10^k */
    int c = mvp_big_plus_cmp(&b[R], &b[P], &b[S]);
    if (even ? c < 0 : c <= 0) break;
    mvp_big_muladd(&b[S], 10, 0);
    k++;
  }

  /* Normalise so the top word of S is in [2^27, 2^28). */
  shift = (28 - mvp_bitlen64(b[S].d[b[S].n - 1]) + 32) & 31;
  for (i = 0; i < 4; i++) mvp_big_shl(&b[i], shift);

  for (;;) {
    uint32_t d;
    int low, high, c;
    for (i = 0; i < 4; i++) {
      if (i != S && (i != M || unequal)) mvp_big_muladd(&b[i], 10, 0);
    }
    d = mvp_big_divmod_small(&b[R], &b[S]);
    c = mvp_big_cmp(&b[R], m);
    low = even ? c <= 0 : c < 0;
    c = mvp_big_plus_cmp(&b[R], &b[P], &b[S]);
    high = even ? c >= 0 : c > 0;
    if (low && high) { /* both round-trip: take the closer, ties to even */
      mvp_big_shl(&b[R], 1);
      c = mvp_big_cmp(&b[R], &b[S]);
      d += c > 0 || (c == 0 && (d & 1));
    } else {
      d += (uint32_t)high;
    }
    dig[nd++] = (char)('0' + d);
    if (low || high || nd == 17) break;
  }
  *k_out = k;
  return nd;
}

static size_t mvp_put_str(char *out, size_t len, const char *s) {
  while (*s) out[len++] = *s++;
  return len;
}

/* Decimal digits of v; returns the count. */
static int mvp_u64_digits(uint64_t v, char *dig) {
  char tmp[20];
  int n = 0, i;
  do {
    tmp[n++] = (char)('0' + (int)(v % 10));
    v /= 10;
  } while (v);
  for (i = 0; i < n; i++) dig[i] = tmp[n - 1 - i];
  return n;
}

size_t mvp_number_to_string(double x, char out[MVP_NUMBER_BUF]) {
  uint64_t u = mvp_dbl_bits(x);
  int neg = (int)(u >> 63);
  int be = (int)((u >> 52) & 0x7FF);
  uint64_t f = u & (MVP_HIDDEN_BIT - 1);
  char dig[24];
  int nd, k, e, i;
  size_t len = 0;

  if (be == 0x7FF) {
    len = mvp_put_str(out, 0, f ? "NaN" : neg ? "-Infinity" : "Infinity");
    out[len] = 0;
    return len;
  }
  if (be == 0 && f == 0) {
    out[0] = '0';
    out[1] = 0;
    return 1;
  }
  if (be) {
    f |= MVP_HIDDEN_BIT;
    e = be - 1075;
  } else {
    e = -1074;
  }
  if (e <= 0 && e >= -52 && (f & (((uint64_t)1 << -e) - 1)) == 0) {
    /* An integer below 2^53: its own digits are the shortest. */
    nd = k = mvp_u64_digits(f >> -e, dig);
    while (dig[nd - 1] == '0') nd--;
  } else {
    nd = mvp_shortest(f, e, dig, &k);
  }

  if (neg) out[len++] = '-';
  if (k > -6 && k <= 21) { /* ddd000, ddd.ddd or 0.000ddd */
    if (k <= 0) {
      out[len++] = '0';
      out[len++] = '.';
      for (i = k; i < 0; i++) out[len++] = '0';
    }
    for (i = 0; i < nd || i < k; i++) {
      if (i == k && i > 0) out[len++] = '.';
      out[len++] = i < nd ? dig[i] : '0';
    }
  } else { /* d.ddde+xx */
    int x10 = k - 1;
    for (i = 0; i < nd; i++) {
      if (i == 1) out[len++] = '.';
      out[len++] = dig[i];
    }
    out[len++] = 'e';
    out[len++] = x10 < 0 ? '-' : '+';
    len += (size_t)mvp_u64_digits((uint64_t)(x10 < 0 ? -x10 : x10), out + len);
  }
  out[len] = 0;
  return len;
}

/* ---- String to number -------------------------------------------------------- */

/* Enough for the decimal comparison: 801 digits (2661 bits) or
   (2^54) * 5^1126 (2669 bits), plus slack. */
#define MVP_ATOF_WORDS 90
/* Significant digits kept exactly; any further non-zero digit becomes a
   sticky digit 1. Halfway points between doubles have at most 767. */
#define MVP_ATOF_DIGITS 800
/* Saturation for decimal exponents: far beyond any finite non-zero double
   (only strings of more than 10^8 digits could tell). */
#define MVP_EXP_LIMIT 100000000

/* 10^E for E = 16 i - 352, i = 0..41, rounded to nearest, as 64-bit
   significands with the top bit set; the binary exponent is
   floor(E log2 10) - 63. Computed with exact rational arithmetic; the unit
   test checks every entry against big integers. */
static const uint64_t mvp_pow10_64[42] = {
  0xCD42A11346F34F7Du, 0xE3E27A444D8D98B8u, 0xFD00B897478238D1u, 0x8C71DCD9BA0B4926u,
  0x9BECCE62836AC577u, 0xAD1C8EAB5EE43B67u, 0xC0314325637A193Au, 0xD5605FCDCF32E1D7u,
  0xECE53CEC4A314EBEu, 0x8380DEA93DA4BC60u, 0x91FF83775423CC06u, 0xA21727DB38CB0030u,
  0xB3F4E093DB73A093u, 0xC7CABA6E7C5382C9u, 0xDDD0467C64BCE4A1u, 0xF64335BCF065D37Du,
  0x88B402F7FD75539Bu, 0x97C560BA6B0919A6u, 0xA87FEA27A539E9A5u, 0xBB127C53B17EC159u,
  0xCFB11EAD453994BAu, 0xE69594BEC44DE15Bu, 0x8000000000000000u, 0x8E1BC9BF04000000u,
  0x9DC5ADA82B70B59Eu, 0xAF298D050E4395D7u, 0xC2781F49FFCFA6D5u, 0xD7E77A8F87DAF7FCu,
  0xEFB3AB16C59B14A3u, 0x850FADC09923329Eu, 0x93BA47C980E98CE0u, 0xA402B9C5A8D3A6E7u,
  0xB616A12B7FE617AAu, 0xCA28A291859BBF93u, 0xE070F78D3927556Bu, 0xF92E0C3537826146u,
  0x8A5296FFE33CC930u, 0x9991A6F3D6BF1766u, 0xAA7EEBFB9DF9DE8Eu, 0xBD49D14AA79DBC82u,
  0xD226FC195C6A2F8Cu, 0xE950DF20247C83FDu,
};

/* floor(E * log2(10)) for |E| <= 400 (checked by the unit test). */
static int mvp_floor_log2_pow10(int e) {
  return e >= 0 ? (int)(((int32_t)e * 1741647) >> 19)
                : -(int)((((int32_t)-e * 1741647) + (1 << 19) - 1) >> 19);
}

/* Top 64 bits of a * b (both with the top bit set), normalised; adds the
   binary exponent of the dropped part to *e. Truncates (error < 1 unit). */
static uint64_t mvp_mul_hi(uint64_t a, uint64_t b, int *e) {
  uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
  uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
  uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
  uint64_t hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
  if (hi >> 63) {
    *e += 64;
    return hi;
  }
  *e += 63;
  return (hi << 1) | ((mid >> 31) & 1);
}

static int32_t mvp_sat_add(int32_t a, int32_t b) {
  int32_t s = a + b; /* both operands are within +-MVP_EXP_LIMIT */
  if (s > MVP_EXP_LIMIT) return MVP_EXP_LIMIT;
  if (s < -MVP_EXP_LIMIT) return -MVP_EXP_LIMIT;
  return s;
}

/* Reads the digits (and at most one '.') of [p, end). Keeps up to `limit`
   significant digits, in *w (big == NULL) or in big. Returns the decimal
   exponent E with value = kept * 10^E (+ dropped digits). Sets *kept and
   *dropped (whether a dropped digit was non-zero); with a bignum, a non-zero
   dropped part is appended as a sticky digit 1. */
static int32_t mvp_scan_digits(const unsigned char *p, const unsigned char *end, int limit,
                               mvp_big *big, uint64_t *w, int *kept, int *dropped) {
  int32_t e = 0;
  int nk = 0, seen = 0, frac = 0, chunk_len = 0, lost = 0;
  uint32_t chunk = 0;
  uint64_t acc = 0;
  for (; p < end; p++) {
    unsigned d = (unsigned)*p - '0';
    if (*p == '.') {
      frac = 1;
      continue;
    }
    if (!seen && d == 0) {
      if (frac) e = mvp_sat_add(e, -1);
      continue;
    }
    seen = 1;
    if (nk < limit) {
      nk++;
      if (frac) e = mvp_sat_add(e, -1);
      if (big) {
        chunk = chunk * 10 + d;
        if (++chunk_len == 9) {
          mvp_big_muladd(big, 1000000000u, chunk);
          chunk = 0;
          chunk_len = 0;
        }
      } else {
        acc = acc * 10 + d;
      }
    } else {
      if (!frac) e = mvp_sat_add(e, 1);
      if (d) lost = 1;
    }
  }
  if (big) {
    uint32_t m = 1;
    while (chunk_len-- > 0) m *= 10;
    mvp_big_muladd(big, m, chunk);
    if (lost) {
      mvp_big_muladd(big, 10, 1);
      e = mvp_sat_add(e, -1);
    }
  }
  *w = acc;
  *kept = nk;
  *dropped = lost;
  return e;
}

/* Compares the decimal [mant, mant_end) * 10^exp10 with the midpoint
   (2m + 1) * 2^(q - 1) and returns the correctly rounded m * 2^q or
   (m + 1) * 2^q. */
static double mvp_decimal_exact(const unsigned char *mant, const unsigned char *mant_end,
                                int32_t exp10, uint64_t m, int q, int neg) {
  uint32_t as[MVP_ATOF_WORDS], bs[MVP_ATOF_WORDS];
  mvp_big a, b;
  uint64_t unused;
  int kept, dropped, c;
  int32_t e, d2;
  mvp_big_init(&a, as, MVP_ATOF_WORDS);
  mvp_big_init(&b, bs, MVP_ATOF_WORDS);
  e = mvp_sat_add(mvp_scan_digits(mant, mant_end, MVP_ATOF_DIGITS, &a, &unused, &kept, &dropped),
                  exp10);
  mvp_big_set(&b, 2 * m + 1);
  if (e >= 0) {
    mvp_big_mul_pow5(&a, (int)e);
  } else {
    mvp_big_mul_pow5(&b, (int)-e);
  }
  d2 = e - (q - 1); /* a carries 2^e, b carries 2^(q-1) */
  if (d2 > 0) {
    mvp_big_shl(&a, (int)d2);
  } else {
    mvp_big_shl(&b, (int)-d2);
  }
  c = mvp_big_cmp(&a, &b);
  if (c > 0 || (c == 0 && (m & 1))) m++;
  return mvp_make_double(m, q, neg);
}

/* A StrUnsignedDecimalLiteral without "Infinity": digits with an optional
   '.', then an optional exponent. NaN if [p, end) is anything else. */
static double mvp_parse_decimal(const unsigned char *p, const unsigned char *end, int neg) {
  const unsigned char *mant = p, *mant_end;
  int ndigits = 0, kept, dropped, drop, q, e2, err;
  int32_t exp10 = 0, e10;
  uint64_t w, mv, rem, half;

  for (; p < end && (unsigned)(*p - '0') < 10; p++) ndigits++;
  if (p < end && *p == '.') {
    for (p++; p < end && (unsigned)(*p - '0') < 10; p++) ndigits++;
  }
  mant_end = p;
  if (ndigits == 0) return mvp_dbl_from_bits((uint64_t)0x7FF8 << 48);
  if (p < end && (*p | 0x20) == 'e') {
    int eneg = 0, edigits = 0;
    p++;
    if (p < end && (*p == '+' || *p == '-')) eneg = *p++ == '-';
    for (; p < end && (unsigned)(*p - '0') < 10; p++) {
      edigits++;
      if (exp10 < MVP_EXP_LIMIT) exp10 = exp10 * 10 + (*p - '0');
    }
    if (edigits == 0) return mvp_dbl_from_bits((uint64_t)0x7FF8 << 48);
    if (exp10 > MVP_EXP_LIMIT) exp10 = MVP_EXP_LIMIT;
    if (eneg) exp10 = -exp10;
  }
  if (p != end) return mvp_dbl_from_bits((uint64_t)0x7FF8 << 48);

  e10 = mvp_sat_add(mvp_scan_digits(mant, mant_end, 19, NULL, &w, &kept, &dropped), exp10);
  if (w == 0) return mvp_make_double(0, 0, neg);
  if (kept + e10 > 310) return mvp_make_double(MVP_HIDDEN_BIT, 1024, neg); /* >= 1e310 */
  if (kept + e10 < -324) return mvp_make_double(0, 0, neg);               /* < 1e-325 */

  /* Clinger's fast path: one correctly rounded operation on exact inputs. */
  if (!dropped && w <= MVP_HIDDEN_BIT * 2 && e10 >= -22 && e10 <= 22) {
    double v = (double)w, t = 1.0; /* 10^|e10| <= 1e22 is exact */
    int i;
    for (i = e10 < 0 ? -e10 : e10; i > 0; i--) t *= 10.0;
    v = e10 >= 0 ? v * t : v / t;
    return neg ? -v : v;
  }

  /* value ~ w * 10^e10 as a normalised 64-bit mv * 2^e2, error < err units */
  {
    int idx = (int)(e10 + 352) >> 4, small = (int)(e10 + 352) & 15, lz = 64 - mvp_bitlen64(w);
    uint64_t p5 = 1;
    int i;
    for (i = 0; i < small; i++) p5 *= 5;
    e2 = -lz + small - (64 - mvp_bitlen64(p5)) + mvp_floor_log2_pow10(16 * idx - 352) - 63;
    mv = mvp_mul_hi(w << lz, p5 << (64 - mvp_bitlen64(p5)), &e2);
    mv = mvp_mul_hi(mv, mvp_pow10_64[idx], &e2);
    err = dropped ? 32 : 8;
  }
  /* Round to 53 bits (fewer for subnormals). */
  if (e2 + 63 >= -1022) {
    drop = 11;
    q = e2 + 11;
  } else {
    drop = -1074 - e2;
    q = -1074;
  }
  if (drop >= 64) return mvp_decimal_exact(mant, mant_end, exp10, 0, q, neg);
  rem = mv & (((uint64_t)1 << drop) - 1);
  half = (uint64_t)1 << (drop - 1);
  mv >>= drop;
  if (rem + (uint64_t)err < half) return mvp_make_double(mv, q, neg);
  if (rem > half + (uint64_t)err) return mvp_make_double(mv + 1, q, neg);
  return mvp_decimal_exact(mant, mant_end, exp10, mv, q, neg);
}

/* 0x, 0o, 0b integers (prefix already skipped): correctly rounded. */
static double mvp_parse_radix(const unsigned char *p, const unsigned char *end, int bits_per_digit) {
  uint64_t acc = 0;
  int32_t nbits = 0; /* significant bits seen (saturating) */
  int used = 0, sticky = 0;
  if (p == end) return mvp_dbl_from_bits((uint64_t)0x7FF8 << 48);
  for (; p < end; p++) {
    unsigned c = *p, d;
    int i;
    if ((unsigned)(c - '0') < 10) {
      d = c - '0';
    } else if ((unsigned)((c | 0x20) - 'a') < 6) {
      d = (c | 0x20) - 'a' + 10;
    } else {
      return mvp_dbl_from_bits((uint64_t)0x7FF8 << 48);
    }
    if (d >> bits_per_digit) return mvp_dbl_from_bits((uint64_t)0x7FF8 << 48);
    for (i = bits_per_digit - 1; i >= 0; i--) {
      unsigned bit = (d >> i) & 1;
      if (used == 0 && !bit) continue;
      if (used < 64) {
        acc = (acc << 1) | bit;
        used++;
      } else {
        sticky |= (int)bit;
      }
      if (nbits < 4096) nbits++;
    }
  }
  if (used == 0) return 0.0;
  /* value = acc * 2^(nbits - used) (+ sticky); round to 53 bits */
  acc <<= 64 - used;
  {
    uint64_t rem = acc & 0x7FF, m = acc >> 11;
    int q = nbits - 64 + 11;
    if (rem > 0x400 || (rem == 0x400 && (sticky || (m & 1)))) m++;
    return mvp_make_double(m, q, 0);
  }
}

/* Length of the white space or line terminator at p, or 0: TAB, LF, VT, FF,
   CR, SP, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F,
   U+3000, U+FEFF (UTF-8). */
static int mvp_ws_at(const unsigned char *p, const unsigned char *end) {
  size_t n = (size_t)(end - p);
  uint32_t c;
  if (n == 0) return 0;
  c = p[0];
  if (c == ' ' || c - 9 < 5) return 1;
  if (n >= 2 && c == 0xC2 && p[1] == 0xA0) return 2;
  if (n < 3 || (c & 0xF0) != 0xE0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
  c = ((c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
  return (c == 0x1680 || c - 0x2000 <= 0x0A || c == 0x2028 || c == 0x2029 || c == 0x202F ||
          c == 0x205F || c == 0x3000 || c == 0xFEFF) ? 3 : 0;
}

/* Length of the white space or line terminator ending at end, or 0. */
static int mvp_ws_before(const unsigned char *start, const unsigned char *end) {
  size_t n = (size_t)(end - start);
  if (n >= 1 && mvp_ws_at(end - 1, end) == 1) return 1;
  if (n >= 2 && mvp_ws_at(end - 2, end) == 2) return 2;
  if (n >= 3 && mvp_ws_at(end - 3, end) == 3) return 3;
  return 0;
}

/* Whether p starts with the NUL-terminated word (p has enough bytes). */
static int mvp_str_prefix(const unsigned char *p, const char *word) {
  while (*word) {
    if (*p++ != (unsigned char)*word++) return 0;
  }
  return 1;
}

double mvp_string_to_number(const char *str, size_t len) {
  const unsigned char *p = (const unsigned char *)str, *end = p + len;
  int n, neg = 0;
  while ((n = mvp_ws_at(p, end)) != 0) p += n;
  while ((n = mvp_ws_before(p, end)) != 0) end -= n;
  if (p == end) return 0.0;
  if (end - p >= 2 && p[0] == '0') {
    unsigned c = p[1] | 0x20;
    if (c == 'x') return mvp_parse_radix(p + 2, end, 4);
    if (c == 'o') return mvp_parse_radix(p + 2, end, 3);
    if (c == 'b') return mvp_parse_radix(p + 2, end, 1);
  }
  if (*p == '+' || *p == '-') neg = *p++ == '-';
  if (end - p == 8 && mvp_str_prefix(p, "Infinity")) {
    return mvp_make_double(MVP_HIDDEN_BIT, 1024, neg);
  }
  return mvp_parse_decimal(p, end, neg);
}

/* ---- snprintf ---------------------------------------------------------------- */

static int mvp_streq(const char *a, const char *b) {
  while (*a && *a == *b) {
    a++;
    b++;
  }
  return *a == *b;
}

int mvp_snprintf(char *buf, size_t size, const char *format, ...) {
  char tmp[MVP_NUMBER_BUF];
  size_t len;
  va_list ap;
  va_start(ap, format);
  if (mvp_streq(format, "%.15g")) {
    len = mvp_number_to_string(va_arg(ap, double), tmp);
  } else {
    int64_t v;
    if (mvp_streq(format, "%d") || mvp_streq(format, "%i")) {
      v = va_arg(ap, int);
    } else if (mvp_streq(format, "%ld") || mvp_streq(format, "%li")) {
      v = va_arg(ap, long);
    } else {
      va_end(ap);
      return -1;
    }
    len = 0;
    if (v < 0) tmp[len++] = '-';
    len += (size_t)mvp_u64_digits(v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, tmp + len);
    tmp[len] = 0;
  }
  va_end(ap);
  if (size == 0) return 0;
  if (len > size - 1) len = size - 1;
  memcpy(buf, tmp, len);
  buf[len] = 0;
  return (int)len;
}
