/*
 * math_test.c: unit tests for mvp_math.c and mvp_crc.c (special cases,
 * exact and halfway cases of pow, fmod, ToInt32/ToUint32, NaN, CRC).
 *
 *   cc -std=c99 -Wall -Wextra -Werror -ffp-contract=off -I port/include \
 *      port/test/math_test.c port/src/mvp_math.c port/src/mvp_crc.c && ./a.out
 *
 * port/scripts/verify-pow.mjs builds and runs it (with -DMATH_TEST_ENGINE_CRC
 * and the engine's own default_crc16 extracted from microvium.c, so the port
 * CRC is also compared with the engine's).
 */
#include <stdio.h>
#include <string.h>

#include "mvp.h"

static int failures, checks;

static uint64_t bits(double x) {
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return u;
}

static double dbl(uint64_t u) {
  double x;
  memcpy(&x, &u, sizeof x);
  return x;
}

/* Bit-exact comparison; any NaN matches any NaN. */
static int same(double a, double b) {
  if (a != a && b != b) return 1;
  return bits(a) == bits(b);
}

#define NAN_ (mvp_nan())
#define INF (dbl(UINT64_C(0x7FF0000000000000)))

static void check_pow(double x, double y, double want, int line) {
  double got = mvp_pow(x, y);
  checks++;
  if (!same(got, want)) {
    failures++;
    printf("line %d: pow(%a, %a) = %a, want %a\n", line, x, y, got, want);
  }
  /* NaN results must have the canonical bits. */
  if (got != got && bits(got) != UINT64_C(0x7FF8000000000000)) {
    failures++;
    printf("line %d: pow(%a, %a) NaN bits %llx\n", line, x, y, (unsigned long long)bits(got));
  }
}
#define POW(x, y, want) check_pow((x), (y), (want), __LINE__)

static void check_fmod(double x, double y, double want, int line) {
  double got = mvp_fmod(x, y);
  checks++;
  if (!same(got, want)) {
    failures++;
    printf("line %d: fmod(%a, %a) = %a, want %a\n", line, x, y, got, want);
  }
}
#define FMOD(x, y, want) check_fmod((x), (y), (want), __LINE__)

static void check_int(double x, int32_t want32, uint32_t wantu32, int line) {
  int32_t a = mvp_to_int32(x);
  uint32_t b = mvp_to_uint32(x);
  checks++;
  if (a != want32 || b != wantu32) {
    failures++;
    printf("line %d: ToInt32(%a) = %ld, ToUint32 = %lu; want %ld, %lu\n", line, x, (long)a,
           (unsigned long)b, (long)want32, (unsigned long)wantu32);
  }
}
#define INT(x, w32, wu32) check_int((x), (w32), (wu32), __LINE__)

/* Bitwise CRC-16/CCITT-FALSE, written from the definition. */
static uint16_t crc_reference(const uint8_t *p, size_t n) {
  uint16_t crc = 0xFFFF;
  size_t i;
  int b;
  for (i = 0; i < n; i++) {
    crc ^= (uint16_t)(p[i] << 8);
    for (b = 0; b < 8; b++) crc = (uint16_t)((crc & 0x8000) ? (crc << 1) ^ 0x1021 : crc << 1);
  }
  return crc;
}

#ifdef MATH_TEST_ENGINE_CRC
/* The engine's own function, extracted from microvium.c by the build. */
#define MVM_LONG_PTR_TYPE const void *
#define MVM_READ_LONG_PTR_1(p) (*(const uint8_t *)(p))
#define MVM_LONG_PTR_ADD(p, s) ((const void *)((const uint8_t *)(p) + (s)))
#include "engine_crc16.inc"
#endif

static void test_pow_special(void) {
  const double nan = NAN_, inf = INF;
  /* y NaN, y zero, x NaN */
  POW(1.0, nan, nan);
  POW(nan, 0.0, 1.0);
  POW(nan, -0.0, 1.0);
  POW(inf, -0.0, 1.0);
  POW(nan, 1.0, nan);
  POW(0.0, nan, nan);
  /* y infinite */
  POW(1.0, inf, nan);
  POW(-1.0, inf, nan);
  POW(1.0, -inf, nan);
  POW(-1.0, -inf, nan);
  POW(2.0, inf, inf);
  POW(-2.0, inf, inf);
  POW(0.5, inf, 0.0);
  POW(-0.5, inf, 0.0);
  POW(2.0, -inf, 0.0);
  POW(0.5, -inf, inf);
  POW(-0.5, -inf, inf);
  POW(0.0, inf, 0.0);
  POW(0.0, -inf, inf);
  POW(inf, inf, inf);
  POW(inf, -inf, 0.0);
  POW(-inf, inf, inf);
  /* x infinite */
  POW(inf, 0.5, inf);
  POW(inf, -0.5, 0.0);
  POW(-inf, 3.0, -inf);
  POW(-inf, 2.0, inf);
  POW(-inf, 2.5, inf);
  POW(-inf, -3.0, -0.0);
  POW(-inf, -2.0, 0.0);
  POW(-inf, -2.5, 0.0);
  /* x zero */
  POW(0.0, 1.2, 0.0);
  POW(0.0, -1.2, inf);
  POW(-0.0, 3.0, -0.0);
  POW(-0.0, 2.0, 0.0);
  POW(-0.0, 2.5, 0.0);
  POW(-0.0, 0x1p60, 0.0);
  POW(-0.0, -3.0, -inf);
  POW(-0.0, -2.0, inf);
  POW(-0.0, -2.5, inf);
  POW(-0.0, 0.5, 0.0);
  /* negative x */
  POW(-3.0, 2.5, nan);
  POW(-8.0, 1.0 / 3.0, nan);
  POW(-2.0, 3.0, -8.0);
  POW(-2.0, -3.0, -0.125);
  POW(-2.0, 2.0, 4.0);
  POW(-1.0, 0x1p60, 1.0);
  POW(-1.0, 0x1.fffffffffffffp52, -1.0); /* 2^53 - 1 is odd */
  POW(-1.0, 3.0, -1.0);
  POW(-1.0, 0.5, nan);
  /* x = 1 */
  POW(1.0, 0x1p-1074, 1.0);
  POW(1.0, -1e308, 1.0);
  /* huge and tiny exponents */
  POW(2.0, 1e300, inf);
  POW(2.0, -1e300, 0.0);
  POW(0.5, 1e300, 0.0);
  POW(-2.0, 1e300, inf);
  POW(0x1.0000000000001p0, 0x1p70, inf);
  POW(0x1.fffffffffffffp-1, 0x1p70, 0.0);
  POW(0x1.fffffffffffffp-1, -0x1p70, inf);
  POW(10.0, 0x1p-1074, 1.0);
  POW(1e300, 1e-30, 1.0);
  POW(1e-300, -1e-30, 1.0);
}

static void test_pow_exact(void) {
  POW(2.0, 10.0, 1024.0);
  POW(10.0, 15.0, 1e15);
  POW(10.0, 22.0, 1e22);
  POW(3.0, 20.0, 3486784401.0);
  POW(0.5, 3.0, 0.125);
  POW(1.5, 2.0, 2.25);
  POW(9.0, 1.5, 27.0);
  POW(0.25, 0.5, 0.5);
  POW(4.0, -0.5, 0.5);
  POW(2.0, 0.5, 0x1.6a09e667f3bcdp+0);
  POW(16.0, 0.25, 2.0);
  POW(27.0, 1.0 / 3.0, 3.0); /* 27^0.33333333333333331 = 2.99999999999999997 */
  POW(7.0, -3.0, 0x1.7e225515a4f1dp-9);
  POW(10.0, -5.0, 0x1.4f8b588e368f1p-17); /* 1e-5 (V8 gives 9.999999999999999e-6) */
  POW(10.0, 308.0, 1e308);
  POW(10.0, -323.0, 1e-323);
  POW(2.0, 1023.0, 0x1p1023);
  POW(2.0, -1022.0, 0x1p-1022);
  POW(2.0, -1074.0, 0x1p-1074);
  POW(0.5, 1074.0, 0x1p-1074);
  POW(0x1p-537, 2.0, 0x1p-1074);
  POW(-0x1p-358, 3.0, -0x1p-1074);
  POW(0x1.8p0, 10.0, 57.6650390625);
  POW(123456789.0, 2.0, 15241578750190520.0); /* ...521 is halfway: to even */
  POW(1.0000000000000002, 4503599627370496.0, 0x1.5bf0a8b145769p+1); /* ~e */
  POW(0.9999999999999999, 9007199254740992.0, 0x1.78b56362cef37p-2); /* ~1/e */
}

static void test_pow_halfway(void) {
  /* Exact halfway cases round to even. */
  POW(3.0, 34.0, 16677181699666568.0);        /* 3^34 = ...569 */
  POW(-3.0, 34.0, 16677181699666568.0);
  POW(-3.0, 35.0, -50031545098999704.0);      /* 3^35 = 50031545098999707 */
  POW(134217727.0, 2.0, 18014398241046528.0); /* (2^27 - 1)^2 = 2^54 - 2^28 + 1 */
  POW(17.0, 13.0, 9904578032905936.0);        /* 17^13 = ...937, a 54-bit odd number */
  POW(272.0, 13.0, 0x1.19814a3a69768p+105);  /* 16^13 * 17^13 */
  POW(68718952449.0, 1.5, 18014192351838208.0); /* (2^18 - 1)^3, from (2^18 - 1)^2 */
  /* Subnormal halfway: 2^-1075 is halfway between 0 and 2^-1074. */
  POW(0.5, 1075.0, 0.0);
  POW(2.0, -1075.0, 0.0);
  POW(0x1p-215, 5.0, 0.0);
  POW(-0x1p-215, 5.0, -0.0);
  POW(0x1.8p-537, 2.0, 0x1p-1073); /* 2.25 * 2^-1074 rounds to 2 * 2^-1074 */
  POW(0x1.8p-358, 3.0, 0x1.8p-1073); /* 3.375 * 2^-1074 rounds to 3 * 2^-1074 */
  POW(0x1.4p-358, 3.0, 0x1p-1073);   /* 1.953125 * 2^-1074 */
  POW(0.5, 1074.5, 0x1p-1074);           /* 0.707 * 2^-1074 */
  POW(0.5, 1075.5, 0.0);                 /* 0.354 * 2^-1074 */
  /* Next to 1: (1 - 2^-53)^y sits a hair from halfway points. */
  POW(0x1.fffffffffffffp-1, 1.5, 0x1.fffffffffffffp-1);
  POW(0x1.fffffffffffffp-1, 0.5, 0x1.fffffffffffffp-1);
  POW(0x1.fffffffffffffp+1023, 0.5, 0x1.fffffffffffffp+511);
  POW(0x1.0000000000001p0, 0.5, 1.0);
  POW(0x1.0000000000001p0, 1.5, 0x1.0000000000002p0);
  POW(0x1.0000000000001p0, -0.5, 0x1.fffffffffffffp-1);
}

static void test_pow_overflow(void) {
  const double inf = INF;
  POW(2.0, 1024.0, inf);
  POW(10.0, 309.0, inf);
  POW(-10.0, 309.0, -inf);
  POW(-10.0, 310.0, inf);
  POW(10.0, -324.0, 0.0);
  POW(-10.0, -401.0, -0.0);
  POW(-10.0, -400.0, 0.0);
  POW(1e-300, 2.0, 0.0);
  POW(0x1p-1074, 0.5, 0x1p-537);
  POW(0x1.fffffffffffffp+1023, 1.0, 0x1.fffffffffffffp+1023);
  POW(0x1.fffffffffffffp+1023, 1.0000000000000002, inf);
  POW(2.0, 1023.9999999999999, 0x1.ffffffffffd3ap+1023);
}

static void test_fmod(void) {
  const double nan = NAN_, inf = INF;
  FMOD(5.5, 2.0, 1.5);
  FMOD(-5.5, 2.0, -1.5);
  FMOD(5.5, -2.0, 1.5);
  FMOD(-4.0, 2.0, -0.0);
  FMOD(4.0, 2.0, 0.0);
  FMOD(-0.0, 1.0, -0.0);
  FMOD(0.0, -1.0, 0.0);
  FMOD(1.0, 0.0, nan);
  FMOD(1.0, -0.0, nan);
  FMOD(inf, 1.0, nan);
  FMOD(-inf, inf, nan);
  FMOD(nan, 1.0, nan);
  FMOD(1.0, nan, nan);
  FMOD(3.0, inf, 3.0);
  FMOD(-3.0, -inf, -3.0);
  FMOD(0.1, 1.0, 0.1);
  FMOD(1.0, 0.1, 0x1.9999999999996p-4);
  FMOD(1e308, 1e-308, 0x0.28401cf53d61p-1022);
  FMOD(0x1p-1074 * 7, 0x1p-1074 * 3, 0x1p-1074);
  FMOD(0x1.fffffffffffffp+1023, 0x1p-1074, 0.0);
  FMOD(0x1.fffffffffffffp+1023, 3.0, 2.0);
  FMOD(-0x1.fffffffffffffp+1023, 0x1.8p-1073, -0x1p-1073);
  FMOD(9007199254740993.0, 2.0, 0.0); /* the double is 2^53 */
  FMOD(9007199254740995.0, 2.0, 0.0);
  FMOD(1e22, 7.0, 4.0);
}

static void test_int(void) {
  const double nan = NAN_, inf = INF;
  INT(0.0, 0, 0);
  INT(-0.0, 0, 0);
  INT(nan, 0, 0);
  INT(inf, 0, 0);
  INT(-inf, 0, 0);
  INT(0.9, 0, 0);
  INT(-0.9, 0, 0);
  INT(0x1p-1074, 0, 0);
  INT(1.5, 1, 1);
  INT(-1.5, -1, 0xFFFFFFFFu);
  INT(-1.0, -1, 0xFFFFFFFFu);
  INT(2147483647.0, 2147483647, 2147483647u);
  INT(2147483648.0, INT32_MIN, 2147483648u);
  INT(-2147483648.0, INT32_MIN, 2147483648u);
  INT(-2147483649.0, 2147483647, 2147483647u);
  INT(4294967295.0, -1, 0xFFFFFFFFu);
  INT(4294967296.0, 0, 0);
  INT(4294967297.5, 1, 1);
  INT(-4294967297.5, -1, 0xFFFFFFFFu);
  INT(0x1p52 + 3.0, 3, 3);
  INT(0x1p53 - 1.0, -1, 0xFFFFFFFFu);
  INT(0x1p53 + 2.0, 2, 2);
  INT(0x1.0000000000001p62, 1024, 1024); /* 2^62 + 2^10 */
  INT(0x1.0000000000001p84, 0, 0);
  INT(-0x1.0000000000001p63, -2048, 0xFFFFF800u);
  INT(1e100, 0, 0);
  INT(-1e21, 559939584, 559939584u);
  INT(0x1.fffffffffffffp+1023, 0, 0);
}

static void test_nan(void) {
  double n = mvp_nan();
  checks++;
  if (bits(n) != UINT64_C(0x7FF8000000000000) || n == n) {
    failures++;
    printf("mvp_nan bits %llx\n", (unsigned long long)bits(n));
  }
}

static void test_crc(void) {
  static uint8_t buf[4096];
  uint32_t s = 12345;
  size_t i, n;
  checks++;
  if (mvp_crc16_ccitt("123456789", 9) != 0x29B1) {
    failures++;
    printf("crc(\"123456789\") = %04x, want 29b1\n", mvp_crc16_ccitt("123456789", 9));
  }
  checks++;
  if (mvp_crc16_ccitt(buf, 0) != 0xFFFF) {
    failures++;
    printf("crc of nothing = %04x\n", mvp_crc16_ccitt(buf, 0));
  }
  for (i = 0; i < sizeof buf; i++) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    buf[i] = (uint8_t)(s >> 11);
  }
  for (n = 0; n <= sizeof buf; n += (n < 64 ? 1 : 97)) {
    uint16_t got = mvp_crc16_ccitt(buf + (n & 7), n - (n & 7));
    checks++;
    if (got != crc_reference(buf + (n & 7), n - (n & 7))) {
      failures++;
      printf("crc mismatch with the bitwise reference at n=%lu\n", (unsigned long)n);
    }
#ifdef MATH_TEST_ENGINE_CRC
    checks++;
    if (got != default_crc16(buf + (n & 7), (uint16_t)(n - (n & 7)))) {
      failures++;
      printf("crc mismatch with the engine's default_crc16 at n=%lu\n", (unsigned long)n);
    }
#endif
  }
}

int main(void) {
  test_pow_special();
  test_pow_exact();
  test_pow_halfway();
  test_pow_overflow();
  test_fmod();
  test_int();
  test_nan();
  test_crc();
  printf("math_test: %d checks, %d failures%s\n", checks, failures,
#ifdef MATH_TEST_ENGINE_CRC
         " (CRC also compared with the engine's default_crc16)"
#else
         ""
#endif
  );
  return failures ? 1 : 0;
}
