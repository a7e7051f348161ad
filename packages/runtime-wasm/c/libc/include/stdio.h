#ifndef MVR_LIBC_STDIO_H
#define MVR_LIBC_STDIO_H
#include <stddef.h>
#endif
