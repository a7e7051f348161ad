/*
 * math_harness.c: stdin/stdout batch driver for port/scripts/verify-pow.mjs.
 *
 * Request:  uint32 op, uint32 count, then count pairs of doubles (x, y),
 *           all little-endian (host order).
 * Response: count uint64 values: the result's bits (pow, fmod) or the
 *           32-bit result zero-extended (toInt32 as its two's complement).
 * op: 1 pow, 2 fmod, 3 toInt32 (x only), 4 toUint32 (x only); 0 ends;
 * 5 is the host libm's pow, for comparison only.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mvp.h"

int main(void) {
  static double in[2 * 65536];
  static uint64_t out[65536];
  uint32_t head[2];
  while (fread(head, sizeof head, 1, stdin) == 1) {
    uint32_t op = head[0], n = head[1], i;
    if (op == 0) break;
    if (n > 65536 || fread(in, 16, n, stdin) != n) return 2;
    for (i = 0; i < n; i++) {
      double x = in[2 * i], y = in[2 * i + 1], r;
      switch (op) {
        case 1: r = mvp_pow(x, y); memcpy(&out[i], &r, 8); break;
        case 2: r = mvp_fmod(x, y); memcpy(&out[i], &r, 8); break;
        case 3: out[i] = (uint32_t)mvp_to_int32(x); break;
        case 4: out[i] = mvp_to_uint32(x); break;
        case 5: r = pow(x, y); memcpy(&out[i], &r, 8); break;
        default: return 3;
      }
    }
    if (fwrite(out, 8, n, stdout) != n) return 4;
    fflush(stdout);
  }
  return 0;
}
