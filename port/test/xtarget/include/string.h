/* Minimal <string.h> for freestanding builds without a C library (wasm32):
   only what the port layer may use. Implemented in ../libc_min.c. */
#ifndef XT_STRING_H
#define XT_STRING_H
#include <stddef.h>
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
#endif
