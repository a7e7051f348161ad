#ifndef MVR_LIBC_CTYPE_H
#define MVR_LIBC_CTYPE_H
#define isdigit(c) ((unsigned)(c) - '0' < 10u)
#endif
