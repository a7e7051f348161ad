/*
 * number_harness.c: stdin/stdout driver for port/scripts/verify-numbers.mjs.
 *
 *   number_harness tostring   reads raw little-endian doubles (8 bytes each)
 *                             and writes mvp_number_to_string of each, one
 *                             per line.
 *   number_harness tonumber   reads records (uint32 little-endian length, then
 *                             that many bytes of UTF-8) and writes the raw
 *                             little-endian bits of mvp_string_to_number of
 *                             each (8 bytes each).
 *
 * Build: cc -O2 -std=c99 -ffp-contract=off -Iport/include \
 *          port/test/number_harness.c port/src/mvp_number.c -o port/build/number_harness
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mvp.h"

static unsigned char inbuf[1 << 16];
static size_t in_len, in_pos;
static int in_eof;

/* Reads exactly n bytes (n <= sizeof inbuf); returns 0 at end of input. */
static int read_exact(void *dst, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  while (n > 0) {
    size_t k;
    if (in_pos == in_len) {
      if (in_eof) return 0;
      in_len = fread(inbuf, 1, sizeof inbuf, stdin);
      in_pos = 0;
      if (in_len == 0) {
        in_eof = 1;
        return 0;
      }
    }
    k = in_len - in_pos;
    if (k > n) k = n;
    memcpy(d, inbuf + in_pos, k);
    in_pos += k;
    d += k;
    n -= k;
  }
  return 1;
}

static uint32_t le32(const unsigned char *b) {
  return (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "tostring";
  static char outbuf[1 << 16];
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
  if (strcmp(mode, "tostring") == 0) {
    unsigned char b[8];
    while (read_exact(b, 8)) {
      uint64_t u = 0;
      double x;
      char s[MVP_NUMBER_BUF + 1];
      size_t n;
      int i;
      for (i = 7; i >= 0; i--) u = (u << 8) | b[i];
      memcpy(&x, &u, 8);
      n = mvp_number_to_string(x, s);
      s[n] = '\n';
      fwrite(s, 1, n + 1, stdout);
    }
  } else if (strcmp(mode, "tonumber") == 0) {
    unsigned char h[4];
    size_t cap = 1 << 16;
    char *str = malloc(cap);
    while (str && read_exact(h, 4)) {
      uint32_t len = le32(h), got = 0;
      uint64_t u;
      double x;
      unsigned char o[8];
      int i;
      if (len > cap) {
        while (cap < len) cap *= 2;
        str = realloc(str, cap);
        if (!str) break;
      }
      while (got < len) {
        uint32_t k = len - got > sizeof inbuf ? (uint32_t)sizeof inbuf : len - got;
        if (!read_exact(str + got, k)) return 2;
        got += k;
      }
      x = mvp_string_to_number(str, len);
      memcpy(&u, &x, 8);
      for (i = 0; i < 8; i++) o[i] = (unsigned char)(u >> (8 * i));
      fwrite(o, 1, 8, stdout);
    }
    free(str);
  } else {
    fprintf(stderr, "usage: number_harness tostring|tonumber\n");
    return 2;
  }
  fflush(stdout);
  return ferror(stdout) ? 1 : 0;
}
