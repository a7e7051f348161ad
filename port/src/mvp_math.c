/*
 * mvp_math.c: the arithmetic the engine takes from libm, written with IEEE
 * basic operations (+ - * /, comparisons) and integer operations only, so
 * every target computes bit-identical results. Compile with
 * -ffp-contract=off: the double-double arithmetic below relies on every
 * product and sum being rounded on its own.
 *
 *   mvp_pow          ECMAScript Number::exponentiate, correctly rounded in all
 *                    but (astronomically) rare cases; exact results and exact
 *                    halfway cases are recognised and rounded exactly.
 *   mvp_fmod         exact remainder (integer long division of significands).
 *   mvp_to_int32     ECMAScript ToInt32 / ToUint32 (bit manipulation).
 *   mvp_to_uint32
 *   mvp_nan          the canonical quiet NaN 0x7FF8000000000000.
 *
 * How mvp_pow works (|x| = 2^k * m, t = y * log2|x|, result 2^t):
 *   1. log2|x| = k + log2(256/I) + log2(1 + r), where I/256 approximates 1/m
 *      from a 128-entry table and r = m*I/256 - 1 is computed exactly with
 *      integers (|r| < 2^-7). log(1 + r) = 2 atanh(s), s = r/(2 + r), by a
 *      series in s^2, all in double-double (hi + lo, ~100 bits).
 *   2. t = y * log2|x| in double-double (Dekker's product, Veltkamp split).
 *   3. 2^t = 2^E * 2^(j/64) * e^u, with 64*t = 64*E + j + 64*f, u = f*ln2,
 *      |u| < 2^-7.5; e^u by its Taylor series, again double-double.
 *   4. The double-double result is rounded once to double (to a subnormal
 *      with an explicit ties-to-even step). Its error is below 2^-75
 *      relative (measured: 2^-76.3 at worst); only when it lies within 2^-68
 *      of the point halfway between two doubles can that rounding be wrong.
 *      Then (about once in 2^15 random inputs, and systematically for bases
 *      next to 1 such as (1 - 2^-53) ** 1.5) an exact integer test first
 *      decides whether x^y is exactly that halfway point (as (2^27 - 1)^2 or
 *      3^34 are), to round it to even; otherwise y * ln|x| is compared with
 *      the logarithm of the halfway point in 192-bit integer fixed point.
 *   So the result is the correctly rounded x^y unless x^y lies within
 *   2^-170 * max(1, |y|) (relative) of a halfway point without being one;
 *   then it is still within an ulp. The slow steps use only integers.
 *
 * Size: about 3 KB of tables (log2 table 128 x 17 bytes, 2^(j/64) table 64 x
 * 16 bytes) plus code; stack well under 1 KB.
 */
#include <string.h>

#include "mvp.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define SIGN_BIT UINT64_C(0x8000000000000000)
#define EXP_BITS UINT64_C(0x7FF0000000000000) /* also the bits of +Infinity */
#define MANT_MASK UINT64_C(0x000FFFFFFFFFFFFF)
#define HIDDEN_BIT UINT64_C(0x0010000000000000)
#define ONE_BITS UINT64_C(0x3FF0000000000000)

static uint64_t bits_of(double x) {
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return u;
}

static double from_bits(uint64_t u) {
  double x;
  memcpy(&x, &u, sizeof x);
  return x;
}

double mvp_nan(void) { return from_bits(UINT64_C(0x7FF8000000000000)); }

static double infinity(void) { return from_bits(EXP_BITS); }

/* 2^e for -1022 <= e <= 1023. */
static double pow2i(int e) { return from_bits((uint64_t)(e + 1023) << 52); }

/* ---- ToInt32 / ToUint32 --------------------------------------------------- */

uint32_t mvp_to_uint32(double x) {
  uint64_t b = bits_of(x);
  int e = (int)((b >> 52) & 0x7FF);
  uint64_t m;
  uint32_t r;
  /* NaN, infinities, zeros and |x| < 1 (subnormals included) give 0. */
  if (e == 0x7FF || e < 1023) return 0;
  m = (b & MANT_MASK) | HIDDEN_BIT; /* |x| = m * 2^(e - 1075) */
  e -= 1075;
  if (e >= 32) return 0;            /* a multiple of 2^32 */
  if (e >= 0) r = (uint32_t)(m << e); /* unsigned: wraps modulo 2^64 */
  else r = (uint32_t)(m >> -e);     /* -e <= 52 here */
  return (b >> 63) ? 0u - r : r;
}

int32_t mvp_to_int32(double x) {
  uint32_t u = mvp_to_uint32(x);
  if (u <= UINT32_C(0x7FFFFFFF)) return (int32_t)u;
  return (int32_t)(u - UINT32_C(0x80000000)) - INT32_C(0x7FFFFFFF) - 1;
}

/* ---- fmod ----------------------------------------------------------------- */

double mvp_fmod(double x, double y) {
  uint64_t bx = bits_of(x), by = bits_of(y);
  uint64_t sign = bx & SIGN_BIT, mx, my, r;
  int ex, ey;
  bx &= ~SIGN_BIT;
  by &= ~SIGN_BIT;
  if (bx >= EXP_BITS || by > EXP_BITS || by == 0) return mvp_nan();
  if (bx < by || by == EXP_BITS) return x; /* |x| < |y|, or y infinite */
  if (bx == by) return from_bits(sign);    /* ±0 with the sign of x */

  /* |x| = mx * 2^(ex - 1075), |y| = my * 2^(ey - 1075), both normalised so
     that bit 52 is the top bit (subnormals get exponents below 1). */
  ex = (int)(bx >> 52);
  ey = (int)(by >> 52);
  mx = bx & MANT_MASK;
  my = by & MANT_MASK;
  if (ex == 0) {
    ex = 1;
    while (!(mx & HIDDEN_BIT)) { mx <<= 1; ex--; }
  } else {
    mx |= HIDDEN_BIT;
  }
  if (ey == 0) {
    ey = 1;
    while (!(my & HIDDEN_BIT)) { my <<= 1; ey--; }
  } else {
    my |= HIDDEN_BIT;
  }

  /* Long division, one bit at a time: r = mx * 2^(ex - ey) mod my. Since
     r < 2^53 <= 2 * my, one subtraction per bit keeps r < my. */
  r = mx;
  for (;;) {
    if (r >= my) r -= my;
    if (ex == ey || r == 0) break;
    r <<= 1;
    ex--;
  }
  if (r == 0) return from_bits(sign);

  /* The result r * 2^(ey - 1075) < |y| is exactly representable. */
  while (!(r & HIDDEN_BIT) && ey > 1) { r <<= 1; ey--; }
  if (ey < 1) {
    r >>= 1 - ey; /* exact: both operands are multiples of 2^-1074 */
    ey = 1;
  }
  if (r & HIDDEN_BIT) return from_bits(sign | ((uint64_t)ey << 52) | (r & MANT_MASK));
  return from_bits(sign | r); /* subnormal */
}

/* ---- Double-double helpers ----------------------------------------------- */

/* s + e = a + b exactly. */
static void two_sum(double a, double b, double *s, double *e) {
  double sum = a + b;
  double bv = sum - a;
  *e = (a - (sum - bv)) + (b - bv);
  *s = sum;
}

/* s + e = a + b exactly, provided |a| >= |b| (or a == 0). */
static void fast_two_sum(double a, double b, double *s, double *e) {
  double sum = a + b;
  *e = b - (sum - a);
  *s = sum;
}

/* hi + lo = a, each half with at most 26 significant bits (Veltkamp). */
static void split(double a, double *hi, double *lo) {
  double c = 134217729.0 * a; /* 2^27 + 1 */
  double h = c - (c - a);
  *hi = h;
  *lo = a - h;
}

/* p + e = a * b exactly (Dekker), for |a|, |b| well inside the range. */
static void two_prod(double a, double b, double *p, double *e) {
  double ah, al, bh, bl, prod = a * b;
  split(a, &ah, &al);
  split(b, &bh, &bl);
  *e = (((ah * bh - prod) + ah * bl) + al * bh) + al * bl;
  *p = prod;
}

/* ---- pow ------------------------------------------------------------------ */

/* Generated tables and constants: begin */
/* Generated by port/test/math_gen_tables.mjs: max |r| = 2^-7.000 */
#define LOG_SPLIT 53
/* I_i - 128: the reciprocal of the interval centre is I_i / 256. */
static const uint8_t log_inv[128] = {
  128, 125, 123, 121, 119, 117, 116, 114, 112, 110, 109, 107, 105, 104, 102, 100,
  99, 97, 96, 94, 93, 91, 90, 88, 87, 85, 84, 83, 81, 80, 79, 77,
  76, 75, 74, 72, 71, 70, 69, 68, 66, 65, 64, 63, 62, 61, 60, 59,
  58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43,
  42, 41, 40, 40, 39, 38, 37, 36, 35, 35, 34, 33, 32, 31, 31, 30,
  29, 28, 28, 27, 26, 25, 25, 24, 23, 23, 22, 21, 21, 20, 19, 19,
  18, 17, 17, 16, 15, 15, 14, 14, 13, 12, 12, 11, 11, 10, 9, 9,
  8, 8, 7, 7, 6, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0,
};
/* log2(256 / I_i), minus 1 from LOG_SPLIT up, as hi + lo. */
static const double log_tab[128][2] = {
  {0.0, 0.0},
  {0x1.16a21e20a0a45p-6, 0x1.79268271cbde1p-63},
  {0x1.d23afc49139f9p-6, -0x1.90c94610afb5fp-60},
  {0x1.47aa07357704fp-5, 0x1.5a51cc6227b89p-60},
  {0x1.a6f9c377dd31bp-5, -0x1.86446a6eb19b1p-59},
  {0x1.0387efbca869ep-4, -0x1.7de9078d157a3p-58},
  {0x1.1bb32a600549dp-4, 0x1.98c5452bbce74p-61},
  {0x1.4c560fe68af88p-4, 0x1.c141e66faaaadp-61},
  {0x1.7d60496cfbb4cp-4, 0x1.9ced1447e30adp-58},
  {0x1.aed391ab6674ep-4, 0x1.40238de7ea9f1p-58},
  {0x1.c7b528b70f1c5p-4, -0x1.7936311889913p-62},
  {0x1.f9c95dc1d1165p-4, -0x1.6cd4d2ae3a2f6p-60},
  {0x1.162593186da7p-3, -0x1.df0fdbc295d19p-58},
  {0x1.22dadc2ab3497p-3, -0x1.696e2866c718ep-58},
  {0x1.3c6fb650cde51p-3, -0x1.7a6ed4e1b0936p-57},
  {0x1.563dc29ffacb2p-3, 0x1.90e41bca6ef96p-60},
  {0x1.633a8bf437ce1p-3, 0x1.54fae008fbb59p-60},
  {0x1.7d60496cfbb4cp-3, 0x1.9ced1447e30adp-57},
  {0x1.8a8980abfbd32p-3, 0x1.99aa6df8b7d83p-57},
  {0x1.a5094b54d2828p-3, 0x1.013b6eaceb921p-57},
  {0x1.b2602497d5346p-3, -0x1.cc865b3dd0dbbp-57},
  {0x1.cd3c712d31109p-3, 0x1.92eeaf409cc88p-58},
  {0x1.dac22d3e441d3p-3, -0x1.ba8b1f646ab12p-63},
  {0x1.f5fd8a9063e35p-3, -0x1.bdc0426c3c274p-57},
  {0x1.01d9bbcfa61d4p-2, 0x1.768994400ca0ap-56},
  {0x1.0fa848044b351p-2, 0x1.0de07b685556fp-59},
  {0x1.169c05363f158p-2, 0x1.c8d43e017579bp-56},
  {0x1.1d982c9d52708p-2, 0x1.ae9804237ec8ep-57},
  {0x1.2baa0c34be1ecp-2, -0x1.0132ae5e417cdp-58},
  {0x1.32bfee370ee68p-2, 0x1.968925e378d68p-56},
  {0x1.39de8e1559f6fp-2, 0x1.fcad2f4710ep-56},
  {0x1.48365e695d797p-2, -0x1.5759f8091112dp-56},
  {0x1.4f6fbb2cec598p-2, 0x1.e393a16b94b52p-56},
  {0x1.56b22e6b578e5p-2, -0x1.8d86531d55da2p-56},
  {0x1.5dfdcf1eeae0ep-2, 0x1.10b5b643a6ecbp-56},
  {0x1.6cb0f6865c8eap-2, 0x1.b6d40900b2502p-61},
  {0x1.7418acebbf18fp-2, -0x1.26bfff0133975p-56},
  {0x1.7b89f02cf2aadp-2, 0x1.8f89e2eb553b2p-57},
  {0x1.8304d90c11fd3p-2, 0x1.51d58525aad39p-57},
  {0x1.8a8980abfbd32p-2, 0x1.99aa6df8b7d83p-56},
  {0x1.99b072a96c6b2p-2, 0x1.bca36fd02defp-56},
  {0x1.a152f142981b4p-2, -0x1.4278cd1699312p-57},
  {0x1.a8ff971810a5ep-2, 0x1.817fd3b7d7e5dp-58},
  {0x1.b0b67f4f4681p-2, -0x1.5e13b838eba7dp-59},
  {0x1.b877c57b1b07p-2, -0x1.01d98c3531027p-58},
  {0x1.c043859e2fdb3p-2, 0x1.edf515c63dd87p-56},
  {0x1.c819dc2d45fe4p-2, 0x1.c4aec56233279p-57},
  {0x1.cffae611ad12bp-2, 0x1.8a38b4175d665p-56},
  {0x1.d7e6c0abc3579p-2, -0x1.e15a52a31604ap-57},
  {0x1.dfdd89d586e2bp-2, 0x1.38c8946414c6ap-59},
  {0x1.e7df5fe538ab3p-2, 0x1.3bed456b24ed1p-56},
  {0x1.efec61b011f85p-2, 0x1.6d261f1753e0bp-56},
  {0x1.f804ae8d0cd02p-2, -0x1.9ca1a3202b3d7p-56},
  {-0x1.ffd799a83ff9bp-2, 0x1.18ce032f41d1ep-56},
  {-0x1.f7a8568cb06cfp-2, 0x1.8f3673ffdd785p-57},
  {-0x1.ef6d67328e22p-2, -0x1.f47806a0e4105p-56},
  {-0x1.e726aa1e754d2p-2, -0x1.8a33c25e8e226p-59},
  {-0x1.ded3fd442364cp-2, -0x1.3aec658457c41p-56},
  {-0x1.d6753e032ea0fp-2, 0x1.c141e66faaaadp-62},
  {-0x1.ce0a4923a587dp-2, 0x1.b517ae88c2fd3p-57},
  {-0x1.c592fad295b56p-2, -0x1.f9fb952bbbcccp-56},
  {-0x1.bd0f2e9e79031p-2, 0x1.52ef4c737fba5p-56},
  {-0x1.b47ebf73882a1p-2, 0x1.6fae441c09d76p-56},
  {-0x1.abe18797f1f49p-2, 0x1.e5b8daaa73a43p-58},
  {-0x1.a33760a7f6051p-2, 0x1.8a0efca1a184fp-56},
  {-0x1.9a802391e232fp-2, -0x1.a5db68721ca61p-57},
  {-0x1.91bba891f1709p-2, 0x1.2d352bea51e59p-56},
  {-0x1.91bba891f1709p-2, 0x1.2d352bea51e59p-56},
  {-0x1.88e9c72e0b226p-2, 0x1.6d266d6cdc959p-56},
  {-0x1.800a563161c54p-2, -0x1.9575b04fa6fbdp-57},
  {-0x1.771d2ba7efb3cp-2, 0x1.b90132aeddb58p-58},
  {-0x1.6e221cd9d0cdep-2, -0x1.5e35482d13dc1p-56},
  {-0x1.6518fe4677ba7p-2, 0x1.add8712376167p-58},
  {-0x1.6518fe4677ba7p-2, 0x1.add8712376167p-58},
  {-0x1.5c01a39fbd688p-2, 0x1.817fd3b7d7e5dp-56},
  {-0x1.52dbdfc4c96b3p-2, -0x1.f73d83987f26dp-56},
  {-0x1.49a784bcd1b8bp-2, 0x1.b6d40900b2502p-62},
  {-0x1.406463b1b0449p-2, -0x1.d6cbcd10948cdp-56},
  {-0x1.406463b1b0449p-2, -0x1.d6cbcd10948cdp-56},
  {-0x1.37124cea4cdedp-2, 0x1.3376649b4fc09p-57},
  {-0x1.2db10fc4d9aafp-2, -0x1.bc4de8f631bcfp-56},
  {-0x1.24407ab0e073ap-2, 0x1.f6e91ad16ecffp-56},
  {-0x1.24407ab0e073ap-2, 0x1.f6e91ad16ecffp-56},
  {-0x1.1ac05b291f07p-2, -0x1.4a31ce1b7e328p-56},
  {-0x1.11307dad30b76p-2, 0x1.a7b47d2c352d9p-57},
  {-0x1.0790adbb03009p-2, -0x1.bc0c69a675517p-56},
  {-0x1.0790adbb03009p-2, -0x1.bc0c69a675517p-56},
  {-0x1.fbc16b902680ap-3, -0x1.1d46ccc53c278p-58},
  {-0x1.e840be74e6a4dp-3, 0x1.c1b061571081ep-58},
  {-0x1.e840be74e6a4dp-3, 0x1.c1b061571081ep-58},
  {-0x1.d49ee4c32597p-3, 0x1.b85a54d7ee2fdp-58},
  {-0x1.c0db6cdd94deep-3, -0x1.0389b662673fcp-57},
  {-0x1.c0db6cdd94deep-3, -0x1.0389b662673fcp-57},
  {-0x1.acf5e2db4ec94p-3, 0x1.01ee1343fe7cap-59},
  {-0x1.98edd077e70dfp-3, -0x1.7d6746548b95cp-62},
  {-0x1.98edd077e70dfp-3, -0x1.7d6746548b95cp-62},
  {-0x1.84c2bd02f03b3p-3, 0x1.16edb88c4e2b5p-62},
  {-0x1.70742d4ef027fp-3, -0x1.4e00e7d6bbf3ep-58},
  {-0x1.70742d4ef027fp-3, -0x1.4e00e7d6bbf3ep-58},
  {-0x1.5c01a39fbd688p-3, 0x1.817fd3b7d7e5dp-57},
  {-0x1.476a9f983f74dp-3, -0x1.89c74a0b21fb6p-58},
  {-0x1.476a9f983f74dp-3, -0x1.89c74a0b21fb6p-58},
  {-0x1.32ae9e278ae1ap-3, -0x1.f51f2c075a74cp-59},
  {-0x1.32ae9e278ae1ap-3, -0x1.f51f2c075a74cp-59},
  {-0x1.1dcd197552b7bp-3, -0x1.7a9150c1e0e58p-57},
  {-0x1.08c588cda79e4p-3, 0x1.a7610e40bd6abp-57},
  {-0x1.08c588cda79e4p-3, 0x1.a7610e40bd6abp-57},
  {-0x1.e72ec117fa5b2p-4, -0x1.cbdb5d9dc29f2p-60},
  {-0x1.e72ec117fa5b2p-4, -0x1.cbdb5d9dc29f2p-60},
  {-0x1.bc84240adabbap-4, -0x1.8ecb169b9465fp-58},
  {-0x1.918a16e46335bp-4, 0x1.463736dac9317p-58},
  {-0x1.918a16e46335bp-4, 0x1.463736dac9317p-58},
  {-0x1.663f6fac91316p-4, -0x1.f3314e0985116p-58},
  {-0x1.663f6fac91316p-4, -0x1.f3314e0985116p-58},
  {-0x1.3aa2fdd27f1c3p-4, 0x1.3fd9776f25acfp-59},
  {-0x1.3aa2fdd27f1c3p-4, 0x1.3fd9776f25acfp-59},
  {-0x1.0eb389fa29f9bp-4, 0x1.30c22d15199b8p-58},
  {-0x1.c4dfab90aab5fp-5, 0x1.60e0f2c3388fp-62},
  {-0x1.c4dfab90aab5fp-5, 0x1.60e0f2c3388fp-62},
  {-0x1.6bad3758efd87p-5, -0x1.89b03784b5be1p-60},
  {-0x1.6bad3758efd87p-5, -0x1.89b03784b5be1p-60},
  {-0x1.11cd1d5133413p-5, 0x1.27ebafb056cb9p-61},
  {-0x1.11cd1d5133413p-5, 0x1.27ebafb056cb9p-61},
  {-0x1.6e79685c2d22ap-6, 0x1.d6476077b9fbdp-60},
  {-0x1.6e79685c2d22ap-6, 0x1.d6476077b9fbdp-60},
  {-0x1.6fe50b6ef0851p-7, -0x1.fe38dec005e54p-61},
  {-0x1.6fe50b6ef0851p-7, -0x1.fe38dec005e54p-61},
  {0.0, 0.0},
};
/* 2^(j/64) as hi + lo. */
static const double exp_tab[64][2] = {
  {0x1p+0, 0.0},
  {0x1.02c9a3e778061p+0, -0x1.19083535b085dp-56},
  {0x1.059b0d3158574p+0, 0x1.d73e2a475b465p-55},
  {0x1.0874518759bc8p+0, 0x1.186be4bb284ffp-57},
  {0x1.0b5586cf9890fp+0, 0x1.8a62e4adc610bp-54},
  {0x1.0e3ec32d3d1a2p+0, 0x1.03a1727c57b53p-59},
  {0x1.11301d0125b51p+0, -0x1.6c51039449b3ap-54},
  {0x1.1429aaea92dep+0, -0x1.32fbf9af1369ep-54},
  {0x1.172b83c7d517bp+0, -0x1.19041b9d78a76p-55},
  {0x1.1a35beb6fcb75p+0, 0x1.e5b4c7b4968e4p-55},
  {0x1.1d4873168b9aap+0, 0x1.e016e00a2643cp-54},
  {0x1.2063b88628cd6p+0, 0x1.dc775814a8495p-55},
  {0x1.2387a6e756238p+0, 0x1.9b07eb6c70573p-54},
  {0x1.26b4565e27cddp+0, 0x1.2bd339940e9d9p-55},
  {0x1.29e9df51fdee1p+0, 0x1.612e8afad1255p-55},
  {0x1.2d285a6e4030bp+0, 0x1.0024754db41d5p-54},
  {0x1.306fe0a31b715p+0, 0x1.6f46ad23182e4p-55},
  {0x1.33c08b26416ffp+0, 0x1.32721843659a6p-54},
  {0x1.371a7373aa9cbp+0, -0x1.63aeabf42eae2p-54},
  {0x1.3a7db34e59ff7p+0, -0x1.5e436d661f5e3p-56},
  {0x1.3dea64c123422p+0, 0x1.ada0911f09ebcp-55},
  {0x1.4160a21f72e2ap+0, -0x1.ef3691c309278p-58},
  {0x1.44e086061892dp+0, 0x1.89b7a04ef80dp-59},
  {0x1.486a2b5c13cdp+0, 0x1.3c1a3b69062fp-56},
  {0x1.4bfdad5362a27p+0, 0x1.d4397afec42e2p-56},
  {0x1.4f9b2769d2ca7p+0, -0x1.4b309d25957e3p-54},
  {0x1.5342b569d4f82p+0, -0x1.07abe1db13cadp-55},
  {0x1.56f4736b527dap+0, 0x1.9bb2c011d93adp-54},
  {0x1.5ab07dd485429p+0, 0x1.6324c054647adp-54},
  {0x1.5e76f15ad2148p+0, 0x1.ba6f93080e65ep-54},
  {0x1.6247eb03a5585p+0, -0x1.383c17e40b497p-54},
  {0x1.6623882552225p+0, -0x1.bb60987591c34p-54},
  {0x1.6a09e667f3bcdp+0, -0x1.bdd3413b26456p-54},
  {0x1.6dfb23c651a2fp+0, -0x1.bbe3a683c88abp-57},
  {0x1.71f75e8ec5f74p+0, -0x1.16e4786887a99p-55},
  {0x1.75feb564267c9p+0, -0x1.0245957316dd3p-54},
  {0x1.7a11473eb0187p+0, -0x1.41577ee04992fp-55},
  {0x1.7e2f336cf4e62p+0, 0x1.05d02ba15797ep-56},
  {0x1.82589994cce13p+0, -0x1.d4c1dd41532d8p-54},
  {0x1.868d99b4492edp+0, -0x1.fc6f89bd4f6bap-54},
  {0x1.8ace5422aa0dbp+0, 0x1.6e9f156864b27p-54},
  {0x1.8f1ae99157736p+0, 0x1.5cc13a2e3976cp-55},
  {0x1.93737b0cdc5e5p+0, -0x1.75fc781b57ebcp-57},
  {0x1.97d829fde4e5p+0, -0x1.d185b7c1b85d1p-54},
  {0x1.9c49182a3f09p+0, 0x1.c7c46b071f2bep-56},
  {0x1.a0c667b5de565p+0, -0x1.359495d1cd533p-54},
  {0x1.a5503b23e255dp+0, -0x1.d2f6edb8d41e1p-54},
  {0x1.a9e6b5579fdbfp+0, 0x1.0fac90ef7fd31p-54},
  {0x1.ae89f995ad3adp+0, 0x1.7a1cd345dcc81p-54},
  {0x1.b33a2b84f15fbp+0, -0x1.2805e3084d708p-57},
  {0x1.b7f76f2fb5e47p+0, -0x1.5584f7e54ac3bp-56},
  {0x1.bcc1e904bc1d2p+0, 0x1.23dd07a2d9e84p-55},
  {0x1.c199bdd85529cp+0, 0x1.11065895048ddp-55},
  {0x1.c67f12e57d14bp+0, 0x1.2884dff483cadp-54},
  {0x1.cb720dcef9069p+0, 0x1.503cbd1e949dbp-56},
  {0x1.d072d4a07897cp+0, -0x1.cbc3743797a9cp-54},
  {0x1.d5818dcfba487p+0, 0x1.2ed02d75b3707p-55},
  {0x1.da9e603db3285p+0, 0x1.c2300696db532p-54},
  {0x1.dfc97337b9b5fp+0, -0x1.1a5cd4f184b5cp-54},
  {0x1.e502ee78b3ff6p+0, 0x1.39e8980a9cc8fp-55},
  {0x1.ea4afa2a490dap+0, -0x1.e9c23179c2893p-54},
  {0x1.efa1bee615a27p+0, 0x1.dc7f486a4b6bp-54},
  {0x1.f50765b6e454p+0, 0x1.9d3e12dd8a18bp-54},
  {0x1.fa7c1819e90d8p+0, 0x1.74853f3a5931ep-55},
};
#define LN2_HI 0x1.62e42fefa39efp-1
#define LN2_LO 0x1.abc9e3b39803fp-56
#define INV_LN2_HI 0x1.71547652b82fep+0
#define INV_LN2_LO 0x1.777d0ffda0d24p-56
#define THIRD_HI 0x1.5555555555555p-2
#define THIRD_LO 0x1.5555555555555p-56
#define SIXTH_HI 0x1.5555555555555p-3
#define SIXTH_LO 0x1.5555555555555p-57
#define C5 0x1.999999999999ap-3 /* 1/5 */
#define C7 0x1.2492492492492p-3 /* 1/7 */
#define C9 0x1.c71c71c71c71cp-4 /* 1/9 */
#define C11 0x1.745d1745d1746p-4 /* 1/11 */
#define E4 0x1.5555555555555p-5 /* 1/24 */
#define E5 0x1.1111111111111p-7 /* 1/120 */
#define E6 0x1.6c16c16c16c17p-10 /* 1/720 */
#define E7 0x1.a01a01a01a01ap-13 /* 1/5040 */
#define E8 0x1.a01a01a01a01ap-16 /* 1/40320 */
#define E9 0x1.71de3a556c734p-19 /* 1/362880 */
/* ln 2 * 2^192, truncated; 32-bit limbs, least significant first. */
static const uint32_t ln2_limbs[6] = {0x7298B62D, 0x40F34326, 0x03F2F6AF, 0xC9E3B398, 0xD1CF79AB, 0xB17217F7};
/* Generated tables and constants: end */

/* For finite nonzero y (bits without sign): 0 not an integer, 1 an odd
   integer, 2 an even integer. */
static int integer_kind(uint64_t ya) {
  int e = (int)(ya >> 52) - 1075; /* |y| = m * 2^e */
  uint64_t m = (ya & MANT_MASK) | HIDDEN_BIT;
  if ((ya >> 52) == 0 || e < -52) return 0; /* |y| < 1 */
  if (e > 0) return 2;
  if (e < 0) {
    if (m & ((UINT64_C(1) << -e) - 1)) return 0;
    m >>= -e;
  }
  return (m & 1) ? 1 : 2;
}

static int bit_length(uint64_t v) {
  int n = 0;
  while (v) { v >>= 1; n++; }
  return n;
}

/* floor(sqrt(v)) for v < 2^54. */
static uint64_t isqrt(uint64_t v) {
  uint64_t r = 0, bit = UINT64_C(1) << 52;
  while (bit > v) bit >>= 2;
  while (bit) {
    if (v >= r + bit) {
      v -= r + bit;
      r = (r >> 1) + bit;
    } else {
      r >>= 1;
    }
    bit >>= 2;
  }
  return r;
}

/* Is |x|^y exactly mm * 2^em (mm odd)? xa: bits of |x| (finite, nonzero,
   not 1); yb: bits of y (finite, nonzero). Exact integer arithmetic. With
   |x| = mx * 2^ex and y = n / 2^k (mx and, if k > 0, n odd):
   x^y = mm * 2^em  <=>  mx = z^(2^k) for an integer z, z^n = mm and
   ex * n = em * 2^k (for y < 0, only powers of two qualify). */
static int pow_is_exactly(uint64_t xa, uint64_t yb, uint64_t mm, int em) {
  uint64_t mx, ny, p;
  int ex, ey, k, t;
  int64_t n, lhs;
  int yneg = (int)(yb >> 63);
  uint64_t ya = yb & ~SIGN_BIT;

  if ((xa >> 52) == 0) {
    mx = xa;
    ex = -1074;
  } else {
    mx = (xa & MANT_MASK) | HIDDEN_BIT;
    ex = (int)(xa >> 52) - 1075;
  }
  while (!(mx & 1)) { mx >>= 1; ex++; }
  if ((ya >> 52) == 0) return 0; /* |y| tiny: never reaches here */
  ny = (ya & MANT_MASK) | HIDDEN_BIT;
  ey = (int)(ya >> 52) - 1075;
  while (!(ny & 1)) { ny >>= 1; ey++; }

  /* Only small n and k can matter: |ex * n / 2^k| < 1200 and, unless x is a
     power of two, z^n < 2^54 with z >= 3. */
  if (ey > 40) return 0;
  if (ey >= 0) {
    if (ny > (UINT64_C(1) << 40) >> ey) return 0;
    n = (int64_t)(ny << ey);
    k = 0;
  } else {
    if (ny > (UINT64_C(1) << 40) || -ey > 11) return 0;
    n = (int64_t)ny;
    k = -ey;
  }
  for (t = 0; t < k; t++) {
    uint64_t s = isqrt(mx);
    if (s * s != mx) return 0;
    mx = s;
  }
  lhs = (int64_t)ex * n;
  if (yneg) lhs = -lhs;
  if (lhs != (int64_t)em * ((int64_t)1 << k)) return 0;
  if (mx == 1 || yneg) return mx == 1 && mm == 1;
  p = 1;
  for (; n > 0; n--) {
    if (bit_length(p) + bit_length(mx) > 64) return 0;
    p *= mx;
    if (p > mm) return 0;
  }
  return p == mm;
}

/* ---- Slow path: is |x|^y above or below a halfway point? ---------------- */
/* When the double-double result lies within 2^-68 of the point halfway
   between two doubles (rare: about once in 2^15 random inputs, but
   systematic for bases next to 1 such as (1 - 2^-53) ** 1.5), compare
   y * ln|x| with ln(halfway point) in 192-bit fixed point instead.
   Numbers are sign and magnitude; the magnitude is 8 limbs of 32 bits
   (least significant first) holding value * 2^192. */
#define MP_FRAC 6
#define MP_LIMBS 8

typedef struct mp_num {
  int neg;
  uint32_t m[MP_LIMBS];
} mp_num;

/* r = a * b / 2^192 (truncated) for 6-limb fractions; r may alias a or b. */
static void mp_mul_frac(uint32_t *r, const uint32_t *a, const uint32_t *b) {
  uint32_t t[2 * MP_FRAC];
  int i, j;
  memset(t, 0, sizeof t);
  for (i = 0; i < MP_FRAC; i++) {
    uint64_t carry = 0;
    for (j = 0; j < MP_FRAC; j++) {
      uint64_t v = (uint64_t)a[i] * b[j] + t[i + j] + carry;
      t[i + j] = (uint32_t)v;
      carry = v >> 32;
    }
    t[i + MP_FRAC] = (uint32_t)carry;
  }
  memcpy(r, t + MP_FRAC, MP_FRAC * sizeof *r);
}

/* r = a * k for an 8-limb magnitude (the product must fit). */
static void mp_mul_small(uint32_t *r, const uint32_t *a, uint32_t k) {
  uint64_t carry = 0;
  int i;
  for (i = 0; i < MP_LIMBS; i++) {
    uint64_t v = (uint64_t)a[i] * k + carry;
    r[i] = (uint32_t)v;
    carry = v >> 32;
  }
}

static void mp_add_mag(uint32_t *r, const uint32_t *a, const uint32_t *b) {
  uint64_t carry = 0;
  int i;
  for (i = 0; i < MP_LIMBS; i++) {
    uint64_t v = (uint64_t)a[i] + b[i] + carry;
    r[i] = (uint32_t)v;
    carry = v >> 32;
  }
}

/* r = a - b for magnitudes a >= b. */
static void mp_sub_mag(uint32_t *r, const uint32_t *a, const uint32_t *b) {
  uint32_t borrow = 0;
  int i;
  for (i = 0; i < MP_LIMBS; i++) {
    uint32_t ai = a[i], bi = b[i];
    r[i] = ai - bi - borrow;
    borrow = (ai < bi) || (ai == bi && borrow);
  }
}

static int mp_cmp_mag(const uint32_t *a, const uint32_t *b) {
  int i;
  for (i = MP_LIMBS - 1; i >= 0; i--) {
    if (a[i] != b[i]) return a[i] > b[i] ? 1 : -1;
  }
  return 0;
}

static void mp_add(mp_num *r, const mp_num *a, const mp_num *b) {
  if (a->neg == b->neg) {
    mp_add_mag(r->m, a->m, b->m);
    r->neg = a->neg;
  } else if (mp_cmp_mag(a->m, b->m) >= 0) {
    mp_sub_mag(r->m, a->m, b->m);
    r->neg = a->neg;
  } else {
    mp_sub_mag(r->m, b->m, a->m);
    r->neg = b->neg;
  }
}

/* a = a * 2^s (s > 0) or a / 2^-s (s < 0, truncated). */
static void mp_shift(uint32_t *a, int s) {
  uint32_t t[MP_LIMBS];
  int i, limbs = (s < 0 ? -s : s) >> 5, bits = (s < 0 ? -s : s) & 31;
  for (i = 0; i < MP_LIMBS; i++) {
    int src = s >= 0 ? i - limbs : i + limbs;
    uint32_t lo = (src >= 0 && src < MP_LIMBS) ? a[src] : 0;
    uint32_t hi;
    if (bits == 0) {
      t[i] = lo;
    } else if (s >= 0) {
      hi = (src - 1 >= 0 && src - 1 < MP_LIMBS) ? a[src - 1] : 0;
      t[i] = (lo << bits) | (hi >> (32 - bits));
    } else {
      hi = (src + 1 >= 0 && src + 1 < MP_LIMBS) ? a[src + 1] : 0;
      t[i] = (lo >> bits) | (hi << (32 - bits));
    }
  }
  memcpy(a, t, sizeof t);
}

static int mp_bit_length(const uint32_t *a) {
  int i;
  for (i = MP_LIMBS - 1; i >= 0; i--) {
    if (a[i]) return 32 * i + bit_length(a[i]);
  }
  return 0;
}

/* ln(a * 2^e) for an integer 1 <= a < 2^55: absolute error below 2^-180. */
static void mp_ln(uint64_t a, int e, mp_num *out) {
  int L = bit_length(a) - 1, i;
  uint64_t b = UINT64_C(1) << L, num, den, rem;
  uint32_t w[MP_FRAC], w2[MP_FRAC], p[MP_FRAC];
  mp_num s, t;
  uint32_t n;
  int k;
  /* a / b in [0.70, 1.41): ln(a / b) = 2 atanh(w), w = (a - b) / (a + b). */
  if (a - b > (b >> 2) + (b >> 3) + (b >> 5)) {
    b <<= 1;
    L++;
  }
  num = a > b ? a - b : b - a;
  den = a + b;
  memset(w, 0, sizeof w);
  rem = num; /* long division, one bit at a time: rem < den < 2^56 */
  for (i = 32 * MP_FRAC - 1; i >= 0; i--) {
    rem <<= 1;
    if (rem >= den) {
      rem -= den;
      w[i >> 5] |= (uint32_t)1 << (i & 31);
    }
  }
  /* atanh(w) = w + w^3/3 + w^5/5 + ..., |w| < 0.175 */
  memset(&s, 0, sizeof s);
  memcpy(s.m, w, sizeof w);
  memcpy(p, w, sizeof w);
  mp_mul_frac(w2, w, w);
  for (n = 3;; n += 2) {
    uint32_t q[MP_LIMBS];
    uint64_t r = 0;
    int nonzero = 0;
    mp_mul_frac(p, p, w2);
    memset(q, 0, sizeof q);
    for (i = MP_FRAC - 1; i >= 0; i--) { /* q = p / n */
      uint64_t v = (r << 32) | p[i];
      q[i] = (uint32_t)(v / n);
      r = v % n;
      nonzero |= q[i] != 0;
    }
    if (!nonzero) break;
    mp_add_mag(s.m, s.m, q);
  }
  mp_add_mag(s.m, s.m, s.m);
  s.neg = a < b;
  /* + (e + L) ln 2 */
  k = e + L;
  memset(&t, 0, sizeof t);
  memcpy(t.m, ln2_limbs, sizeof ln2_limbs);
  mp_mul_small(t.m, t.m, (uint32_t)(k < 0 ? -k : k));
  t.neg = k < 0;
  mp_add(out, &s, &t);
}

/* The sign of |x|^y - mm * 2^em: 1, -1, or 0 when too close to call.
   xa: bits of |x|, finite and nonzero; yb: bits of y, 2^-65 <= |y| < 2^64;
   |y * log2|x|| < 1100. */
static int pow_compare(uint64_t xa, uint64_t yb, uint64_t mm, int em) {
  mp_num lx, lm, d;
  uint32_t hi[MP_LIMBS];
  uint64_t mx, my;
  int ex, ey, slack;
  if ((xa >> 52) == 0) {
    mx = xa;
    ex = -1074;
  } else {
    mx = (xa & MANT_MASK) | HIDDEN_BIT;
    ex = (int)(xa >> 52) - 1075;
  }
  mp_ln(mx, ex, &lx);
  /* y * ln|x| = ln|x| * my * 2^ey, my < 2^53; |ln|x| * my| < 2^63 fits. */
  my = ((yb & MANT_MASK) | HIDDEN_BIT);
  ey = (int)((yb >> 52) & 0x7FF) - 1075;
  mp_mul_small(hi, lx.m, (uint32_t)(my >> 32));
  mp_shift(hi, 32);
  mp_mul_small(lx.m, lx.m, (uint32_t)my);
  mp_add_mag(lx.m, lx.m, hi);
  mp_shift(lx.m, ey);
  if (yb >> 63) lx.neg = !lx.neg;
  mp_ln(mm, em, &lm);
  lm.neg = !lm.neg;
  mp_add(&d, &lx, &lm);
  /* The error is below (|y| + 1) * 2^-179. */
  slack = ey + 53 > 0 ? ey + 53 : 0;
  if (mp_bit_length(d.m) <= 16 + slack) return 0;
  return d.neg ? -1 : 1;
}

/* Round (rh + rl) * 2^e to double, rh in [0.99, 2), rl below half an ulp of
   rh. xa, yb: |x| and y, to settle results close to halfway points. */
static double pow_finish(double rh, double rl, int e, uint64_t xa, uint64_t yb) {
  uint64_t rb = bits_of(rh);
  if (e >= -1021) {
    /* Normal result (or overflow). Is rh + rl close to the point halfway to
       the neighbour of rh on rl's side? */
    if (rl != 0) {
      int down = rl < 0;
      int pow2 = (rb & MANT_MASK) == 0;
      double ulp = from_bits((rb & EXP_BITS) - (UINT64_C(52) << 52));
      double half = (down && pow2) ? 0.25 * ulp : 0.5 * ulp;
      double dist = (down ? -rl : rl) - half;
      if (dist < 0x1p-68 && dist > -0x1p-68) {
        uint64_t mr = (rb & MANT_MASK) | HIDDEN_BIT;
        int er = (int)(rb >> 52) - 1075 + e;
        uint64_t mm;
        int em, c;
        if (!down) { mm = 2 * mr + 1; em = er - 1; }
        else if (pow2) { mm = 4 * mr - 1; em = er - 2; }
        else { mm = 2 * mr - 1; em = er - 1; }
        if (pow_is_exactly(xa, yb, mm, em)) {
          if (rb & 1) rb = down ? rb - 1 : rb + 1; /* ties to even */
        } else {
          c = pow_compare(xa, yb, mm, em);
          if (!down && c > 0) rb++;
          if (down && c < 0) rb--;
        }
        rh = from_bits(rb);
      }
    }
    if (e > 1023) {
      rh *= 0x1p1023;
      e -= 1023;
      if (e > 1023) e = 1023;
    }
    return rh * pow2i(e); /* exact, or overflow to Infinity */
  } else {
    /* Subnormal range: round (rh + rl) * 2^(e + 1074) to an integer n and
       return n * 2^-1074. */
    double scale, v, vl, d, dist;
    uint64_t n;
    int up;
    if (e < -1076) return 0.0; /* below 2^-1075: rounds to zero */
    scale = pow2i(e + 1074);
    v = rh * scale;  /* exact */
    vl = rl * scale; /* exact */
    n = (uint64_t)v; /* floor, v >= 0 */
    d = v - (double)n; /* exact, 0 <= d < 1 */
    up = d > 0.5 || (d == 0.5 && vl > 0);
    dist = (d - 0.5) + vl;
    if (dist < 0x1p-68 * (v + 1.0) && dist > -0x1p-68 * (v + 1.0)) {
      int c;
      if (pow_is_exactly(xa, yb, 2 * n + 1, -1075)) {
        up = (int)(n & 1);
      } else {
        c = pow_compare(xa, yb, 2 * n + 1, -1075);
        if (c) up = c > 0;
      }
    }
    n += (uint64_t)up;
    return ((double)n * 0x1p-52) * 0x1p-1022; /* exact */
  }
}

double mvp_pow(double x, double y) {
  uint64_t xb = bits_of(x), yb = bits_of(y);
  uint64_t xa = xb & ~SIGN_BIT, ya = yb & ~SIGN_BIT;
  int xneg = (int)(xb >> 63), yneg = (int)(yb >> 63);
  int negate = 0, kind, k, i, j, n, e;
  uint64_t mant;
  int64_t rint;
  double r, d, q, sl, a, b, rho, zh, zl, z2, rz, qh, ql, c, cl, h, l;
  double gh, gl, lh, ll, th, tl, f, fh, fl, uh, ul, v2, w2, c3, d3, c6, d6;
  double p4, s1, e1, s2, e2, sh, slo, jh, jl, m1, m2, rh, rl, res;

  /* ---- ECMAScript special cases ---- */
  if (ya > EXP_BITS) return mvp_nan();   /* y is NaN */
  if (ya == 0) return 1.0;               /* x ** ±0 = 1, even for NaN */
  if (xa > EXP_BITS) return mvp_nan();   /* x is NaN */
  if (ya == EXP_BITS) {                  /* y = ±Infinity */
    if (xa == ONE_BITS) return mvp_nan();
    return ((xa > ONE_BITS) != yneg) ? infinity() : 0.0;
  }
  kind = integer_kind(ya);
  if (xa == EXP_BITS || xa == 0) {       /* x = ±Infinity or ±0 */
    res = ((xa == 0) != yneg) ? 0.0 : infinity();
    return (xneg && kind == 1) ? -res : res;
  }
  if (xneg) {
    if (kind == 0) return mvp_nan();     /* negative base, non-integer power */
    negate = kind == 1;
  }
  if (xa == ONE_BITS) return negate ? -1.0 : 1.0;
  /* Single correctly rounded operations. */
  if (ya == ONE_BITS) return yneg ? 1.0 / x : x;
  if (yb == UINT64_C(0x4000000000000000)) return x * x;
  /* |y| >= 2^64: |y * log2|x|| > 2^11, so the result over- or underflows. */
  if (ya >= UINT64_C(0x43F0000000000000)) {
    return ((xa > ONE_BITS) != yneg) ? infinity() : 0.0; /* y is even */
  }
  /* |y| < 2^-65: |x^y - 1| < 2^-55, so the result is 1 (y is no integer). */
  if (ya < UINT64_C(0x3BE0000000000000)) return 1.0;

  /* ---- log2|x| = k + T[i] + log2(1 + r) ---- */
  if ((xa >> 52) == 0) { /* subnormal: scale up exactly */
    xa = bits_of(from_bits(xa) * 0x1p54);
    k = -54;
  } else {
    k = 0;
  }
  k += (int)(xa >> 52) - 1023;
  mant = (xa & MANT_MASK) | HIDDEN_BIT;
  i = (int)((xa >> 45) & 127);
  if (i >= LOG_SPLIT) k++;
  /* r = mant * I / 2^60 - 1, exact: |mant * I - 2^60| < 2^53. */
  rint = (int64_t)(mant * (uint64_t)(log_inv[i] + 128)) - ((int64_t)1 << 60);
  r = (double)rint * 0x1p-60;
  xa = xb & ~SIGN_BIT; /* restore for the exactness test */

  /* s = r / (2 + r) = q + sl. */
  d = 2.0 + r;
  q = r / d;
  two_prod(q, r, &a, &b);
  rho = ((r - 2.0 * q) - a) - b; /* r - q * (2 + r); the first two steps are exact */
  sl = rho / d;
  /* z = s^2 */
  two_prod(q, q, &zh, &zl);
  zl += (2.0 * q) * sl;
  /* Q = z/3 + z^2/5 + z^3/7 + z^4/9 + z^5/11, so ln(1 + r) = 2 s (1 + Q). */
  z2 = zh * zh;
  rz = z2 * (C5 + zh * (C7 + zh * (C9 + zh * C11)));
  two_prod(zh, THIRD_HI, &a, &b);
  b = ((b + zh * THIRD_LO) + zl * THIRD_HI) + rz;
  fast_two_sum(a, b, &qh, &ql);
  /* ln(1 + r) / 2 = s + s * Q = h + l */
  two_prod(q, qh, &c, &cl);
  cl += q * ql + sl * qh;
  fast_two_sum(q, c, &h, &l);
  l += sl + cl;
  fast_two_sum(h, l, &h, &l);
  /* log2(1 + r) = (h + l) * 2/ln2 = gh + gl */
  two_prod(h, INV_LN2_HI, &gh, &gl);
  gl += h * INV_LN2_LO + l * INV_LN2_HI;
  gh *= 2.0;
  gl *= 2.0;
  /* log2|x| = lh + ll */
  two_sum((double)k, log_tab[i][0], &a, &b);
  two_sum(a, gh, &lh, &c);
  ll = ((b + c) + log_tab[i][1]) + gl;
  fast_two_sum(lh, ll, &lh, &ll);

  /* ---- t = y * log2|x| ---- */
  two_prod(y, lh, &th, &tl);
  tl += y * ll;
  fast_two_sum(th, tl, &th, &tl);
  if (th > 1100.0) return negate ? -infinity() : infinity();
  if (th < -1100.0) return negate ? -0.0 : 0.0;

  /* ---- 2^t = 2^e * 2^(j/64) * e^u ---- */
  f = th * 64.0;
  n = (int)(f + (f >= 0.0 ? 0.5 : -0.5)); /* nearest integer, |n| < 2^17 */
  j = (int)((unsigned)n & 63u);
  e = (n - j) / 64;                       /* exact division */
  f = th - (double)n * 0.015625;          /* exact, |f| <= 1/128 */
  two_sum(f, tl, &fh, &fl);
  two_prod(fh, LN2_HI, &uh, &ul);
  ul += fh * LN2_LO + fl * LN2_HI;
  fast_two_sum(uh, ul, &uh, &ul);
  /* e^u - 1 = u + u^2/2 + u^3/6 + u^4 * P(u) = sh + slo, |u| < 2^-7.5 */
  two_prod(uh, uh, &v2, &w2);
  w2 += (2.0 * uh) * ul;
  two_prod(v2, uh, &c3, &d3);
  d3 += v2 * ul + w2 * uh;
  two_prod(c3, SIXTH_HI, &c6, &d6);
  d6 += c3 * SIXTH_LO + d3 * SIXTH_HI;
  p4 = (v2 * v2) * (E4 + uh * (E5 + uh * (E6 + uh * (E7 + uh * (E8 + uh * E9)))));
  fast_two_sum(uh, 0.5 * v2, &s1, &e1);
  fast_two_sum(s1, c6, &s2, &e2);
  slo = ((((ul + 0.5 * w2) + d6) + e1) + e2) + p4;
  fast_two_sum(s2, slo, &sh, &slo);
  /* 2^(j/64) * (1 + sh + slo) = rh + rl */
  jh = exp_tab[j][0];
  jl = exp_tab[j][1];
  two_prod(jh, sh, &m1, &m2);
  m2 += jh * slo + jl * sh;
  fast_two_sum(jh, m1, &rh, &rl);
  rl += jl + m2;
  fast_two_sum(rh, rl, &rh, &rl);

  res = pow_finish(rh, rl, e, xa, yb);
  return negate ? -res : res;
}
