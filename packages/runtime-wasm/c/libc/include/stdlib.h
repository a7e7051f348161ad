#ifndef MVR_LIBC_STDLIB_H
#define MVR_LIBC_STDLIB_H
#include <stddef.h>
/* Host memory outside the VM page (mvr's handle table, snapshot, scratch). */
void *malloc(size_t size);
void free(void *p);
void *realloc(void *p, size_t size);
#endif
