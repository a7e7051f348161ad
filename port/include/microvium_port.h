/*
 * microvium_port.h: the one port file every target compiles the engine with.
 *
 * Observable settings come from mvp_config.h (shared, single source of truth).
 * Each target supplies a `mvp_target.h` on its include path with only what no
 * guest can see:
 *   MVP_RAM_PAGE_ADDR        base address of the current VM's 64 KiB page
 *   MVP_FATAL_ERROR(vm, e)   how a fatal engine error unwinds (never returns)
 *   MVP_SAFE_MODE            engine self-checks (0 or 1)
 *   MVP_DONT_TRUST_BYTECODE  extra bytecode validation (0 or 1)
 */
#ifndef MICROVIUM_PORT_H
#define MICROVIUM_PORT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <assert.h>
/* Included before the renames below so the engine's own `#include "math.h"`
   is a no-op and libm's pow/fmod are never referenced. */
#include <math.h>

#include "mvp_config.h"
#include "mvp.h"
#include "mvp_target.h"

#define MVM_PORT_VERSION 1

#define MVM_STACK_SIZE MVP_STACK_SIZE
#define MVM_ALLOCATION_BUCKET_SIZE MVP_ALLOCATION_BUCKET_SIZE
/* The collector copies into buckets of at most this size (engine patch
   0008), so a collection never needs a large contiguous block of the page
   while the old heap is live: the heap limit, not fragmentation, is what a
   growing guest runs into, at the same point on every target. */
#define MVM_GC_MAX_NEW_BUCKET_SIZE MVP_ALLOCATION_BUCKET_SIZE
#define MVM_MAX_HEAP_SIZE MVP_MAX_HEAP_SIZE
#define MVM_NATIVE_POINTER_IS_16_BIT 0
#define MVM_PORT_INT32_OVERFLOW_CHECKS MVP_INT32_OVERFLOW_CHECKS

#define MVM_SUPPORT_FLOAT MVP_SUPPORT_FLOAT
#define MVM_FLOAT64 double
#define MVM_FLOAT64_NAN (mvp_nan())

#define MVM_SAFE_MODE MVP_SAFE_MODE
#define MVM_DONT_TRUST_BYTECODE MVP_DONT_TRUST_BYTECODE
#define MVM_VERY_EXPENSIVE_MEMORY_CHECKS 0

/* Every target here has one flat 32-bit (or wider) address space. */
#define MVM_LONG_PTR_TYPE void*
#define MVM_LONG_PTR_NEW(p) ((MVM_LONG_PTR_TYPE)(p))
#define MVM_LONG_PTR_TRUNCATE(p) ((void*)(p))
#define MVM_LONG_PTR_ADD(p, s) ((MVM_LONG_PTR_TYPE)((uint8_t*)(p) + (intptr_t)(s)))
#define MVM_LONG_PTR_SUB(p2, p1) ((int16_t)((uint8_t*)(p2) - (uint8_t*)(p1)))
#define MVM_READ_LONG_PTR_1(lpSource) (*((uint8_t *)(lpSource)))
#define MVM_READ_LONG_PTR_2(lpSource) (*((uint16_t *)(lpSource)))
#define MVM_LONG_MEM_CMP(p1, p2, size) memcmp(p1, p2, size)
/* memmove: in a corrupt heap a string's bytes can overlap the block they are
   copied into (string concatenation, restore); an overlap is then garbage in
   the VM's own page, never undefined behaviour. */
#define MVM_LONG_MEM_CPY(target, source, size) memmove(target, source, size)

#define MVM_FATAL_ERROR(vm, e) MVP_FATAL_ERROR(vm, e)
#define MVM_ALL_ERRORS_FATAL 0

#define MVM_SWITCH(tag, upper) switch (tag)
#define MVM_CASE(value) case value

#define MVM_CHECK_CRC16_CCITT(lpData, size, expected) \
  (mvp_crc16_ccitt((lpData), (size)) == (expected))
#define MVM_CALC_CRC16_CCITT(pData, size) (mvp_crc16_ccitt((pData), (size)))

#define MVM_INCLUDE_SNAPSHOT_CAPABILITY MVP_SNAPSHOT_CAPABILITY
#define MVM_INCLUDE_DEBUG_CAPABILITY MVP_DEBUG_CAPABILITY
#if MVP_GAS_COUNTER
#define MVM_GAS_COUNTER
#endif

/* Every VM lives in its own 64 KiB page; `context` (given to mvm_restore) is
   that page. 16-bit VM pointers become native pointers by one OR. */
#define MVM_USE_SINGLE_RAM_PAGE 1
#define MVM_RAM_PAGE_ADDR MVP_RAM_PAGE_ADDR
#define MVM_CONTEXTUAL_MALLOC(size, context) mvp_page_malloc((context), (size))
#define MVM_CONTEXTUAL_FREE(ptr, context) mvp_page_free_in((context), (ptr))

/* Number formatting and arithmetic come from the port layer, never from the
   target's libc or libm, so every target prints and computes the same. */
#define MVM_SNPRINTF mvp_snprintf
#define MVM_STR_TO_FLOAT64(lpStr, len) mvp_string_to_number((const char*)(lpStr), (len))
#define fmod(x, y) mvp_fmod((x), (y))
#define pow(x, y) mvp_pow((x), (y))

#endif
