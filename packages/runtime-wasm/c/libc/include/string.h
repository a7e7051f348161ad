/* The libc subset the engine, the port layer and mvr use (see libc.c). */
#ifndef MVR_LIBC_STRING_H
#define MVR_LIBC_STRING_H
#include <stddef.h>
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
#endif
