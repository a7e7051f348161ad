#ifndef MVR_LIBC_INTTYPES_H
#define MVR_LIBC_INTTYPES_H
#include <stdint.h>
#define PRId32 "d"
#define PRIu32 "u"
#endif
