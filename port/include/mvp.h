/*
 * mvp.h: the portable port layer shared by every target.
 *
 * Plain C99, no libc float formatting or libm: every function here gives
 * bit-identical results on every target (glibc, newlib, picolibc, wasm32).
 * All float code must be compiled with -ffp-contract=off so no target fuses
 * a multiply and an add into an FMA behind our back.
 */
#ifndef MVP_H
#define MVP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Numbers (mvp_number.c) ------------------------------------------- */

/* Longest output of mvp_number_to_string, including the terminating NUL:
   "-1.2345678901234567e-308" is 24 characters. */
#define MVP_NUMBER_BUF 32

/* ECMAScript Number::toString(x) with radix 10: shortest round-trip digits,
   JS exponent rules, "-0" prints as "0", "NaN", "Infinity". Writes a
   NUL-terminated string to `out` and returns its length (without the NUL). */
size_t mvp_number_to_string(double x, char out[MVP_NUMBER_BUF]);

/* ECMAScript StringToNumber over `len` bytes of UTF-8 (need not be
   NUL-terminated): trims JS white space and line terminators, accepts decimal
   literals (correctly rounded), "Infinity" with a sign, 0x/0o/0b integers,
   the empty string (0); anything else gives NaN. */
double mvp_string_to_number(const char *s, size_t len);

/* The engine's MVM_SNPRINTF. Understands exactly the two formats the engine
   uses: "%.15g" (formatted as mvp_number_to_string, i.e. as JavaScript) and
   "%d"/"%ld"/"%" PRId32 for int32. Returns the number of characters written
   (without the NUL; output that does not fit in `size` is cut short), or -1
   for any other format. The engine's buffers always fit. */
int mvp_snprintf(char *buf, size_t size, const char *format, ...);

/* ---- Arithmetic (mvp_math.c) ------------------------------------------- */

/* x ** y with ECMAScript Number::exponentiate semantics. */
double mvp_pow(double x, double y);

/* x % y for doubles: exact, with the sign of x (C fmod = ECMAScript %). */
double mvp_fmod(double x, double y);

/* ECMAScript ToInt32 / ToUint32 (modular; NaN and infinities give 0). */
int32_t mvp_to_int32(double x);
uint32_t mvp_to_uint32(double x);

/* A quiet NaN with the same bit pattern on every target. */
double mvp_nan(void);

/* ---- CRC (mvp_crc.c) ---------------------------------------------------- */

/* CRC-16/CCITT-FALSE as used by the Microvium bytecode format. */
uint16_t mvp_crc16_ccitt(const void *data, size_t size);

/* ---- The 64 KiB page allocator (mvp_alloc.c) ----------------------------- */

/* A page is MVP_PAGE_SIZE bytes aligned to MVP_PAGE_SIZE; every allocation a
   VM makes comes from its page, so 16-bit VM pointers are page offsets. The
   allocator keeps its own bookkeeping at the start of the page, so it never
   returns the page's base address (offset 0 reads as a null pointer when the
   page sits at address 0, as in the WASM build). */

typedef struct mvp_page_stats {
  uint32_t capacity;       /* bytes the allocator can hand out in an empty page */
  uint32_t used;           /* bytes in live allocations, including headers */
  uint32_t free;           /* bytes free */
  uint32_t largest_free;   /* largest single allocation that would succeed now */
  uint32_t allocations;    /* live allocations */
  uint32_t peak_used;      /* high-water mark of `used` since init */
} mvp_page_stats;

/* Initialise `page` (aligned to MVP_PAGE_SIZE) as empty. */
void mvp_page_init(void *page);
/* Allocate `size` bytes, 2-byte aligned, or NULL if the page has no room. */
void *mvp_page_malloc(void *page, size_t size);
/* Free an allocation (NULL is ignored). The page is found from the pointer,
   because the engine's last free can arrive without its context. */
void mvp_page_free(void *ptr);
/* As mvp_page_free, but a pointer outside `page` is refused (counted, not
   followed): the engine frees pointers it keeps in the page, which a corrupt
   snapshot can overwrite. A null `page` falls back to mvp_page_free (the
   engine's last free, of the VM itself, comes without its context). */
void mvp_page_free_in(void *page, void *ptr);
/* Lets an allocation that `page` cannot hold come from `alloc` instead, until
   called again with NULL. For what the engine allocates only to hand to the
   host, such as mvm_createSnapshot's result, which need not live in the page:
   a host sets it around that call, so a snapshot of a nearly full heap does
   not fail for want of a contiguous block. The host frees such a block with
   its own allocator (see mvp_page_contains); mvp_page_free ignores it. */
void mvp_page_set_spill(void *page, void *(*alloc)(size_t size));
/* Whether `ptr` points into `page`'s blocks (else it was spilled). */
int mvp_page_contains(const void *page, const void *ptr);
/* Usage figures for `page`. */
void mvp_page_get_stats(const void *page, mvp_page_stats *out);
/* Checks the page's bookkeeping; returns 0 if consistent (for tests). */
int mvp_page_check(const void *page);

#ifdef __cplusplus
}
#endif

#endif
