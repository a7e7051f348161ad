/*
 * libc_check.c: checks the WASM libc's memcpy/memmove/memset against a plain
 * byte loop, for every length 0..160 (both sides of the inline limit) at
 * every alignment 0..7 and, for memmove, every overlap in both directions.
 * Built with c/libc/libc.c by test/libc.test.ts; `libc_check()` returns the
 * number of mismatches, and `libc_first_failure()` the first one's case.
 */
#include <stdint.h>
#include <string.h>

#define SPAN 192u
#define MAX_LEN 160u

static uint8_t buf[2 * SPAN], want[2 * SPAN];
static int32_t failures, first_failure = -1;

static void fill(uint8_t *p, uint32_t n, uint32_t seed) {
  for (uint32_t i = 0; i < n; i++) p[i] = (uint8_t)(seed * 131u + i * 7u + 1u);
}

/* The reference, written so the compiler cannot turn it into a call. */
static void ref_move(uint8_t *d, const uint8_t *s, uint32_t n) {
  volatile uint8_t tmp[MAX_LEN];
  for (uint32_t i = 0; i < n; i++) tmp[i] = s[i];
  for (uint32_t i = 0; i < n; i++) d[i] = tmp[i];
}

static void compare(int32_t id) {
  for (uint32_t i = 0; i < 2 * SPAN; i++) {
    if (buf[i] != want[i]) {
      if (first_failure < 0) first_failure = id;
      failures++;
      return;
    }
  }
}

__attribute__((export_name("libc_check")))
int32_t libc_check(void) {
  failures = 0;
  first_failure = -1;
  for (uint32_t n = 0; n <= MAX_LEN; n++) {
    for (uint32_t a = 0; a < 8; a++) {
      for (uint32_t b = 0; b < 8; b++) {
        int32_t id = (int32_t)(n * 64 + a * 8 + b);
        /* memcpy: disjoint halves. */
        fill(buf, 2 * SPAN, n + a);
        memcpy(want, buf, 2 * SPAN);
        ref_move(want + a, want + SPAN + b, n);
        if (memcpy(buf + a, buf + SPAN + b, n) != buf + a) failures++;
        compare(id);
        /* memset. */
        fill(buf, 2 * SPAN, n + b);
        memcpy(want, buf, 2 * SPAN);
        for (uint32_t i = 0; i < n; i++) want[a + i] = (uint8_t)(0x80 + b);
        if (memset(buf + a, 0x180 + (int)b, n) != buf + a) failures++;
        compare(0x100000 + id);
      }
      /* memmove: destination below and above the source, overlapping by any amount. */
      for (uint32_t shift = 0; shift <= 16; shift++) {
        for (int dir = 0; dir < 2; dir++) {
          uint8_t *src = buf + 24 + a, *dst = dir ? src + shift : src - shift;
          fill(buf, 2 * SPAN, n + shift);
          memcpy(want, buf, 2 * SPAN);
          ref_move(want + (dst - buf), want + (src - buf), n);
          if (memmove(dst, src, n) != dst) failures++;
          compare(0x200000 + (int32_t)((n * 8 + a) * 34 + shift * 2 + (uint32_t)dir));
        }
      }
    }
  }
  return failures;
}

__attribute__((export_name("libc_first_failure")))
int32_t libc_first_failure(void) { return first_failure; }
