/*
 * digest.c: the cross-target identity check of the port layer.
 *
 * Feeds a fixed pseudo-random sequence of inputs (own xorshift generator, no
 * floating point in the generator) through the port functions and prints, per
 * function, the number of calls and a 64-bit FNV-1a hash of every output, then
 * a digest over everything. Built for each target by
 * port/scripts/cross-target.mjs; every target must print the same text.
 *
 * The platform supplies xt_write (text output) and calls xt_digest().
 * Compile-time switches: XT_HAVE_NUMBER (mvp_number.c is present),
 * XT_HAVE_ALLOC (mvp_alloc.c is present), XT_N (inputs per function),
 * XT_N_POW, XT_N_NUMBER (defaults: XT_N).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mvp.h"
#include "mvp_config.h"

#ifndef XT_N
#define XT_N 200000
#endif
#ifndef XT_N_POW
#define XT_N_POW XT_N
#endif
#ifndef XT_N_NUMBER
#define XT_N_NUMBER XT_N
#endif

void xt_write(const char *s, size_t n);
int xt_digest(void);

/* ---- Output ---------------------------------------------------------------- */

static void put(const char *s) { xt_write(s, strlen(s)); }

static void put_hex64(uint64_t v) {
  char buf[16];
  int i;
  for (i = 15; i >= 0; i--) {
    buf[i] = "0123456789abcdef"[v & 15];
    v >>= 4;
  }
  xt_write(buf, 16);
}

static void put_dec(uint32_t v) {
  char buf[10];
  int i = 10;
  do {
    buf[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  xt_write(buf + i, (size_t)(10 - i));
}

/* ---- Hashing (FNV-1a, 64-bit) ---------------------------------------------- */

#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME UINT64_C(0x100000001b3)

typedef struct section {
  uint64_t hash;
  uint32_t calls;
} section;

static uint64_t all_hash = FNV_OFFSET;
static uint32_t all_calls;

static void hash_bytes(section *s, const void *data, size_t n) {
  const uint8_t *p = (const uint8_t *)data;
  size_t i;
  for (i = 0; i < n; i++) {
    s->hash = (s->hash ^ p[i]) * FNV_PRIME;
    all_hash = (all_hash ^ p[i]) * FNV_PRIME;
  }
}

/* Little-endian bytes, whatever the target's byte order. */
static void hash_u64(section *s, uint64_t v) {
  uint8_t b[8];
  int i;
  for (i = 0; i < 8; i++) b[i] = (uint8_t)(v >> (8 * i));
  hash_bytes(s, b, 8);
}

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

static void hash_double(section *s, double x) { hash_u64(s, bits_of(x)); }

static void begin(section *s) {
  s->hash = FNV_OFFSET;
  s->calls = 0;
}

static void end(const char *name, section *s) {
  all_calls += s->calls;
  put(name);
  put(" ");
  put_dec(s->calls);
  put(" ");
  put_hex64(s->hash);
  put("\n");
}

/* ---- Inputs ------------------------------------------------------------------ */

static uint64_t rng = UINT64_C(0x2545F4914F6CDD1D);

static uint64_t next64(void) { /* xorshift64* */
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return rng * UINT64_C(0x2545F4914F6CDD1D);
}

static uint32_t below(uint32_t n) { return (uint32_t)((next64() >> 32) % n); }

/* 2^e, -1022 <= e <= 1023 */
static double pow2(int e) { return from_bits((uint64_t)(e + 1023) << 52); }

/* Inputs are made with integer operations and exact conversions or scalings
   only, never with a rounded floating-point operation, so that they are the
   same on every target whatever its floating-point library does (the ARM
   soft-float add in libgcc, for one, is not always correctly rounded).
   A random multiple of 2^-frac in [lo, hi); (hi - lo) * 2^frac < 2^53. */
static double fixed(int64_t lo, int64_t hi, int frac) {
  uint64_t span = (uint64_t)(hi - lo) << frac;
  int64_t k = (int64_t)(next64() % span) + lo * ((int64_t)1 << frac);
  return (double)k * pow2(-frac);
}

/* Uniform in [0, 1): exact. */
static double unit(void) { return (double)(next64() >> 11) * 0x1p-53; }

static double random_bits(void) { return from_bits(next64()); }

/* A finite double with a random exponent in [-1074, 1023] and sign. */
static double random_finite(void) {
  uint64_t u = next64();
  uint64_t e = (u >> 52) & 0x7FF;
  if (e == 0x7FF) e = 0x7FE;
  return from_bits((u & UINT64_C(0x800FFFFFFFFFFFFF)) | (e << 52));
}

/* Note: C leaves the order in which operands are evaluated unspecified, so
   no expression below makes two calls to the generator. */

static double special(void) {
  static const uint64_t table[] = {
    UINT64_C(0x0000000000000000), UINT64_C(0x8000000000000000), /* ±0 */
    UINT64_C(0x3FF0000000000000), UINT64_C(0xBFF0000000000000), /* ±1 */
    UINT64_C(0x3FE0000000000000), UINT64_C(0xBFE0000000000000), /* ±0.5 */
    UINT64_C(0x4000000000000000), UINT64_C(0xC000000000000000), /* ±2 */
    UINT64_C(0x4008000000000000), UINT64_C(0x4024000000000000), /* 3, 10 */
    UINT64_C(0x7FF0000000000000), UINT64_C(0xFFF0000000000000), /* ±Infinity */
    UINT64_C(0x7FF8000000000000), UINT64_C(0x7FF0000000000001), /* NaNs */
    UINT64_C(0xFFF8000000000123), UINT64_C(0x7FEFFFFFFFFFFFFF), /* NaN, max */
    UINT64_C(0x0000000000000001), UINT64_C(0x8000000000000001), /* ±min subnormal */
    UINT64_C(0x0010000000000000), UINT64_C(0x000FFFFFFFFFFFFF), /* min normal, max subnormal */
    UINT64_C(0x3FF0000000000001), UINT64_C(0x3FEFFFFFFFFFFFFF), /* 1 ± ulp */
    UINT64_C(0x4340000000000000), UINT64_C(0x41E0000000000000), /* 2^53, 2^31 */
    UINT64_C(0x41F0000000000000), UINT64_C(0xC1E0000000000000), /* 2^32, -2^31 */
    UINT64_C(0x3FB999999999999A), UINT64_C(0x3FD5555555555555), /* 0.1, 1/3 */
  };
  return from_bits(table[below(sizeof table / sizeof table[0])]);
}

/* ---- The functions --------------------------------------------------------- */

static void digest_pow(void) {
  section s;
  uint32_t i;
  begin(&s);
  for (i = 0; i < XT_N_POW; i++) {
    double x, y;
    switch (i % 7) {
      case 0: x = random_bits(); y = random_bits(); break;
      case 1: x = fixed(0, 10, 49); y = fixed(-20, 20, 47); break;
      case 2: x = (double)((int32_t)below(2001) - 1000); y = (double)((int32_t)below(121) - 40); break;
      case 3: { /* near 1, large exponents */
        uint64_t delta = next64() >> (12 + below(52));
        x = from_bits(below(2) ? UINT64_C(0x3FF0000000000000) + delta : UINT64_C(0x3FF0000000000000) - delta);
        y = fixed(-1, 1, 52);
        y *= pow2((int)below(60));
        break;
      }
      case 4: { /* results across the whole range, subnormals and overflow */
        int e, scale = 0;
        x = random_finite();
        if (x < 0) x = -x;
        e = (int)((bits_of(x) >> 52) & 0x7FF) - 1023;
        if (e < 0) e = -e;
        while (e > 1) { e >>= 1; scale++; }
        y = fixed(-1100, 1100, 40) * pow2(-scale); /* y * log2(x) in about ±2200 */
        break;
      }
      case 5: x = -fixed(0, 10, 49); y = (double)((int32_t)below(81) - 40); break;
      default:
        x = below(3) ? special() : fixed(-2, 2, 50);
        y = below(3) ? special() : fixed(-50, 50, 46);
        break;
    }
    hash_double(&s, mvp_pow(x, y));
    s.calls++;
  }
  end("pow", &s);
}

static void digest_fmod(void) {
  section s;
  uint32_t i;
  begin(&s);
  for (i = 0; i < XT_N; i++) {
    double x, y;
    switch (i % 5) {
      case 0: x = random_bits(); y = random_bits(); break;
      case 1: x = fixed(-1000000, 1000000, 30); y = fixed(-100, 100, 44); break;
      case 2: { /* exponents up to 64 apart */
        uint64_t bx, by;
        int ey;
        x = random_finite();
        bx = bits_of(x);
        ey = (int)((bx >> 52) & 0x7FF) - (int)below(64);
        by = next64() & UINT64_C(0x800FFFFFFFFFFFFF);
        y = from_bits(ey > 0 ? by | ((uint64_t)ey << 52) : by);
        if (y == 0) y = 3.0;
        break;
      }
      case 3: x = (double)((int32_t)below(20001) - 10000); y = (double)((int32_t)below(200) - 100); break;
      default: x = special(); y = below(2) ? special() : unit(); break;
    }
    hash_double(&s, mvp_fmod(x, y));
    s.calls++;
  }
  end("fmod", &s);
}

static void digest_int32(void) {
  section s;
  uint32_t i;
  begin(&s);
  for (i = 0; i < XT_N; i++) {
    double x;
    switch (i % 5) {
      case 0: x = random_bits(); break;
      case 1: x = fixed(-(INT64_C(1) << 34), INT64_C(1) << 34, 17); break;
      case 2: x = fixed(-1, 1, 52); x *= pow2(32 + (int)below(60)); break;
      case 3: { /* k * 2^32 + small, with a fraction */
        int64_t k = (int64_t)below(2001) - 1000;
        int64_t j = (int64_t)below(2001) - 1000;
        x = (double)(k * (INT64_C(1) << 42) + j * 1024 + (int64_t)below(1024)) * 0x1p-10;
        break;
      }
      default: x = special(); break;
    }
    hash_u64(&s, (uint64_t)(uint32_t)mvp_to_int32(x) | ((uint64_t)mvp_to_uint32(x) << 32));
    s.calls++;
  }
  end("toInt32/toUint32", &s);
}

static void digest_crc(void) {
  static uint8_t buf[4096];
  section s;
  uint32_t i;
  begin(&s);
  for (i = 0; i < sizeof buf; i += 8) {
    uint64_t v = next64();
    int k;
    for (k = 0; k < 8; k++) buf[i + k] = (uint8_t)(v >> (8 * k));
  }
  for (i = 0; i < XT_N; i++) {
    uint32_t len = below(i % 16 == 0 ? 4096 : 64);
    uint32_t at = below((uint32_t)sizeof buf - len + 1);
    uint16_t crc = mvp_crc16_ccitt(buf + at, len);
    hash_u64(&s, crc);
    s.calls++;
    if (i % 64 == 0) { /* flip a bit */
      uint32_t at_byte = below(sizeof buf);
      buf[at_byte] ^= (uint8_t)(1u << below(8));
    }
  }
  end("crc16", &s);
}

static void digest_nan(void) {
  section s;
  begin(&s);
  hash_double(&s, mvp_nan());
  s.calls++;
  end("nan", &s);
}

#ifdef XT_HAVE_NUMBER
static double number_input(uint32_t i) {
  double x;
  switch (i % 6) {
    case 0: return random_bits();
    case 1: return random_finite();
    case 2: return (double)((int32_t)below(2000001) - 1000000);
    case 3:
      x = (double)((int32_t)below(20001) - 10000);
      return x / (double)(1 + below(1000));
    case 4:
      x = fixed(-1, 1, 52);
      return x * pow2((int)below(110) - 30);
    default: return special();
  }
}

static void digest_number_to_string(void) {
  section s;
  uint32_t i;
  char out[MVP_NUMBER_BUF];
  begin(&s);
  for (i = 0; i < XT_N_NUMBER; i++) {
    size_t n = mvp_number_to_string(number_input(i), out);
    hash_u64(&s, n);
    hash_bytes(&s, out, n + 1);
    s.calls++;
  }
  end("number_to_string", &s);
}

static void digest_string_to_number(void) {
  static const char *const fixed[] = {
    "", " ", "0", "-0", "+0", "00", "1", "-1", " \t\n\v\f\r 42 \r\n", ("\xC2\xA0" "7" "\xE2\x80\xA8"),
    ("\xEF\xBB\xBF" "1"), "Infinity", "-Infinity", "+Infinity", "infinity", "NaN", "0x1F", "0X1f",
    "0o17", "0b101", "-0x1", "0x", "1e", "1e+", ".5", "5.", ".", "+.5e-1", "1_000", "1e400",
    "-1e-400", "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
    "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
    "9007199254740993", "0.1", "123456789012345678901234567890", "0x10000000000000000000001",
    "abc", "12abc", "1 2", "0.0000000000000000000000000000001e31",
  };
  section s;
  uint32_t i, nfixed = (uint32_t)(sizeof fixed / sizeof fixed[0]);
  char buf[80];
  begin(&s);
  for (i = 0; i < XT_N_NUMBER; i++) {
    size_t n = 0;
    if (i < nfixed) {
      n = strlen(fixed[i]);
      memcpy(buf, fixed[i], n);
    } else if (i % 3 == 0) { /* round trip */
      char out[MVP_NUMBER_BUF];
      n = mvp_number_to_string(number_input(i), out);
      memcpy(buf, out, n);
    } else { /* random decimal literal */
      uint32_t digits = 1 + below(i % 3 == 1 ? 20 : 40), k;
      if (below(4) == 0) buf[n++] = below(2) ? '-' : '+';
      for (k = 0; k < digits; k++) {
        if (k == 0 || below(12)) buf[n++] = (char)('0' + below(10));
        else buf[n++] = '.';
      }
      if (below(2)) {
        int32_t e = (int32_t)below(700) - 350;
        buf[n++] = below(2) ? 'e' : 'E';
        if (e < 0) {
          buf[n++] = '-';
          e = -e;
        }
        if (e >= 100) buf[n++] = (char)('0' + e / 100);
        if (e >= 10) buf[n++] = (char)('0' + e / 10 % 10);
        buf[n++] = (char)('0' + e % 10);
      }
    }
    hash_double(&s, mvp_string_to_number(buf, n));
    s.calls++;
  }
  end("string_to_number", &s);
}
#endif

#ifdef XT_HAVE_ALLOC
static uint8_t page_space[2 * MVP_PAGE_SIZE];

static void digest_alloc(void) {
  enum { SLOTS = 64 };
  uint8_t *page = page_space + (MVP_PAGE_SIZE - ((uintptr_t)page_space & (MVP_PAGE_SIZE - 1))) % MVP_PAGE_SIZE;
  uint8_t *live[SLOTS];
  section s;
  mvp_page_stats st;
  uint32_t i;
  begin(&s);
  memset(live, 0, sizeof live);
  mvp_page_init(page);
  for (i = 0; i < XT_N; i++) {
    uint32_t k = below(SLOTS);
    if (live[k]) {
      mvp_page_free(live[k]);
      live[k] = NULL;
    } else {
      uint32_t size = below(8) ? 1 + below(64) : 1 + below(2048);
      live[k] = (uint8_t *)mvp_page_malloc(page, size);
      hash_u64(&s, live[k] ? (uint64_t)(live[k] - page) : UINT64_C(0xFFFFFFFFFFFFFFFF));
      if (live[k]) memset(live[k], (int)k, size);
    }
    s.calls++;
    if (i % 4096 == 0) {
      mvp_page_get_stats(page, &st);
      hash_u64(&s, st.used | ((uint64_t)st.free << 32));
      hash_u64(&s, st.largest_free | ((uint64_t)st.allocations << 32));
      hash_u64(&s, (uint64_t)(uint32_t)mvp_page_check(page));
    }
  }
  mvp_page_get_stats(page, &st);
  hash_u64(&s, st.capacity | ((uint64_t)st.peak_used << 32));
  end("page_alloc", &s);
}
#endif

int xt_digest(void) {
  put("mvp cross-target digest\n");
  digest_nan();
  digest_int32();
  digest_crc();
  digest_fmod();
  digest_pow();
#ifdef XT_HAVE_NUMBER
  digest_number_to_string();
  digest_string_to_number();
#endif
#ifdef XT_HAVE_ALLOC
  digest_alloc();
#endif
  put("digest ");
  put_dec(all_calls);
  put(" ");
  put_hex64(all_hash);
  put("\n");
  return 0;
}
