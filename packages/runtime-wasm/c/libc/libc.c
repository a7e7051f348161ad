/*
 * libc.c: the small libc subset the WASM build needs, nothing else.
 * memcpy/memmove/memset move short lengths inline and long ones with the
 * bulk-memory instructions; malloc is a
 * first-fit free list with coalescing over the heap the linker leaves after
 * the C stack, growing linear memory when it runs out. Only mvr uses it (the
 * VM itself allocates from its page), for a handful of long-lived blocks.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>

/* The bulk-memory instructions are a call out of the generated code in V8
 * (memory.copy/fill become a C function call), which costs more than moving
 * a few words inline, and the engine's copies are mostly short (string
 * pieces, small structs). Short lengths are copied here 8 bytes at a time;
 * long ones go to the instruction. Measured (callgrind): the string-building
 * benchmark guest runs 7% fewer instructions, and at -Os the .wasm is no
 * bigger. `no_builtin` stops clang from turning these loops back into calls
 * to the functions they are in. */
#define MEM_INLINE_MAX 64u

typedef uint64_t __attribute__((aligned(1), may_alias)) unaligned_u64;

__attribute__((no_builtin("memcpy")))
void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
  if (n > MEM_INLINE_MAX) {
    __builtin_memcpy(dst, src, n);
    return dst;
  }
  uint8_t *d = dst;
  const uint8_t *s = src;
  for (; n >= 8; n -= 8, d += 8, s += 8) *(unaligned_u64 *)d = *(const unaligned_u64 *)s;
  for (; n; n--) *d++ = *s++;
  return dst;
}

__attribute__((no_builtin("memmove", "memcpy")))
void *memmove(void *dst, const void *src, size_t n) {
  if (n > MEM_INLINE_MAX) {
    __builtin_memmove(dst, src, n);
    return dst;
  }
  uint8_t *d = dst;
  const uint8_t *s = src;
  if (d <= s || d >= s + n) {
    /* Forwards: every word is read before anything overlapping it is written. */
    for (; n >= 8; n -= 8, d += 8, s += 8) {
      uint64_t w = *(const unaligned_u64 *)s;
      *(unaligned_u64 *)d = w;
    }
    for (; n; n--) *d++ = *s++;
  } else {
    /* Backwards, when the destination overlaps the source from above. */
    d += n;
    s += n;
    for (; n >= 8; n -= 8) {
      d -= 8;
      s -= 8;
      uint64_t w = *(const unaligned_u64 *)s;
      *(unaligned_u64 *)d = w;
    }
    for (; n; n--) *--d = *--s;
  }
  return dst;
}

__attribute__((no_builtin("memset")))
void *memset(void *dst, int c, size_t n) {
  if (n > MEM_INLINE_MAX) {
    __builtin_memset(dst, c, n);
    return dst;
  }
  uint8_t *d = dst;
  uint64_t w = (uint8_t)c * 0x0101010101010101ull;
  for (; n >= 8; n -= 8, d += 8) *(unaligned_u64 *)d = w;
  for (; n; n--) *d++ = (uint8_t)c;
  return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
  const uint8_t *x = a, *y = b;
  for (size_t i = 0; i < n; i++) {
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return 0;
}

size_t strlen(const char *s) {
  const char *p = s;
  while (*p) p++;
  return (size_t)(p - s);
}

/* ---- malloc ----------------------------------------------------------------
 * Every block starts with an 8-byte header (size including header, and the
 * next free block when free). Free blocks form an address-ordered list. */

typedef struct block {
  size_t size;
  struct block *next;
} block;

extern unsigned char __heap_base;
static uint8_t *heap_end;
static block *free_list;

#define ALIGN 8u
#define PAGE 65536u

static block *grow(size_t need) {
  if (!heap_end) heap_end = (uint8_t *)(((uintptr_t)&__heap_base + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1));
  uintptr_t limit = __builtin_wasm_memory_size(0) * PAGE;
  uintptr_t end = (uintptr_t)heap_end + need;
  if (end > limit) {
    size_t pages = (end - limit + PAGE - 1) / PAGE;
    if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) return NULL;
    limit += pages * PAGE;
  }
  /* Take all memory up to the limit, so small blocks do not grow memory. */
  block *b = (block *)heap_end;
  b->size = limit - (uintptr_t)heap_end;
  heap_end = (uint8_t *)limit;
  return b;
}

static void insert_free(block *b) {
  block **p = &free_list;
  while (*p && *p < b) p = &(*p)->next;
  b->next = *p;
  *p = b;
  /* Coalesce with the next block, then with the previous one. */
  if (b->next && (uint8_t *)b + b->size == (uint8_t *)b->next) {
    b->size += b->next->size;
    b->next = b->next->next;
  }
  if (p != &free_list) {
    block *prev = (block *)((uint8_t *)p - offsetof(block, next));
    if ((uint8_t *)prev + prev->size == (uint8_t *)b) {
      prev->size += b->size;
      prev->next = b->next;
    }
  }
}

void *malloc(size_t size) {
  if (size > 0x7FFFFFF0u) return NULL;
  size_t need = (size + sizeof(block) + ALIGN - 1) & ~(size_t)(ALIGN - 1);
  for (int attempt = 0; attempt < 2; attempt++) {
    for (block **p = &free_list; *p; p = &(*p)->next) {
      block *b = *p;
      if (b->size < need) continue;
      if (b->size - need >= 2 * sizeof(block)) {
        block *rest = (block *)((uint8_t *)b + need);
        rest->size = b->size - need;
        rest->next = b->next;
        *p = rest;
        b->size = need;
      } else {
        *p = b->next;
      }
      return (uint8_t *)b + sizeof(block);
    }
    block *more = grow(need);
    if (!more) return NULL;
    insert_free(more);
  }
  return NULL;
}

void free(void *ptr) {
  if (!ptr) return;
  insert_free((block *)((uint8_t *)ptr - sizeof(block)));
}

void *realloc(void *ptr, size_t size) {
  if (!ptr) return malloc(size);
  block *b = (block *)((uint8_t *)ptr - sizeof(block));
  size_t have = b->size - sizeof(block);
  if (have >= size) return ptr;
  void *q = malloc(size);
  if (!q) return NULL;
  memcpy(q, ptr, have);
  free(ptr);
  return q;
}
