/*
 * mvn_region.c: one VM's memory (see mvn_region.h for the layout).
 *
 * POSIX: regions are packed 256 KiB apart, growing down from the last one
 * (the kernel hands out addresses top-down), each mapped with
 * MAP_FIXED_NOREPLACE (Linux >= 4.17: the kernel refuses, never replaces, an
 * existing mapping; an older kernel takes the address as a hint, which is
 * checked). Packed, one region's high guard touches the next one's low guard
 * and the kernel merges them, so a VM costs three mappings (vm.max_map_count
 * is 65530 by default). When the hint is taken, over-reserve anywhere and
 * trim to an aligned window. Pages are committed lazily: a VM costs the memory
 * it touches.
 *
 * Windows: reservations are 64 KiB-aligned already; reserve guard + page +
 * window + guard and commit the middle.
 */
#include "mvn_region.h"

#include <stdint.h>

#if defined(_WIN32)
#include <windows.h>
#else
#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#define PAGE ((uintptr_t)MVN_PAGE_SIZE)
#define WINDOW ((uintptr_t)MVN_SNAPSHOT_WINDOW)
#define STRIDE ((uintptr_t)0x40000) /* 256 KiB: page + window + guards */

static size_t live;

#if defined(_WIN32)

static void live_add(LONG64 d) { InterlockedExchangeAdd64((volatile LONG64 *)&live, d); }
size_t mvn_region_live(void) { return (size_t)InterlockedCompareExchange64((volatile LONG64 *)&live, 0, 0); }

void *mvn_region_reserve(void) {
  const uintptr_t guard = PAGE; /* the allocation granularity */
  uint8_t *raw = (uint8_t *)VirtualAlloc(NULL, guard + PAGE + WINDOW + guard, MEM_RESERVE, PAGE_NOACCESS);
  if (!raw) return NULL;
  uint8_t *page = raw + guard;
  if (((uintptr_t)page & (PAGE - 1)) != 0 ||
      !VirtualAlloc(page, PAGE + WINDOW, MEM_COMMIT, PAGE_READWRITE)) {
    VirtualFree(raw, 0, MEM_RELEASE);
    return NULL;
  }
  live_add(1);
  return page;
}

int mvn_region_contains(uintptr_t page, uintptr_t addr) {
  return page != 0 && addr >= page - PAGE && addr < page + PAGE + WINDOW + PAGE;
}

int mvn_region_seal(void *page) {
  DWORD old;
  return VirtualProtect((uint8_t *)page + PAGE, WINDOW, PAGE_READONLY, &old) ? 0 : -1;
}

void mvn_region_release(void *page) {
  if (!page) return;
  VirtualFree((uint8_t *)page - PAGE, 0, MEM_RELEASE);
  live_add(-1);
}

#else /* POSIX */

#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif

static void live_add(long d) { __atomic_add_fetch(&live, (size_t)d, __ATOMIC_RELAXED); }
size_t mvn_region_live(void) { return __atomic_load_n(&live, __ATOMIC_RELAXED); }

static uintptr_t low_guard(void) {
  static uintptr_t size;
  if (!size) {
    long page = sysconf(_SC_PAGESIZE);
    size = (page > 0 && (uintptr_t)page <= PAGE / 4) ? (uintptr_t)page : 4096;
  }
  return size;
}

/* [page - low guard, page + STRIDE - low guard): the high guard fills the
   rest of the stride. */
static uintptr_t span_start(uintptr_t page) { return page - low_guard(); }
#define SPAN STRIDE

/* Page base to try next (0: none yet). */
static uintptr_t next_hint;

static void *finish(uintptr_t page) {
  if (mprotect((void *)page, PAGE + WINDOW, PROT_READ | PROT_WRITE) != 0) {
    int e = errno;
    munmap((void *)span_start(page), SPAN);
    errno = e;
    return NULL;
  }
  __atomic_store_n(&next_hint, page - STRIDE, __ATOMIC_RELAXED);
  live_add(1);
  return (void *)page;
}

void *mvn_region_reserve(void) {
  const int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;

#if defined(MAP_FIXED_NOREPLACE)
  uintptr_t hint = __atomic_load_n(&next_hint, __ATOMIC_RELAXED);
  if (hint > 64 * STRIDE) {
    void *want = (void *)span_start(hint);
    void *got = mmap(want, SPAN, PROT_NONE, flags | MAP_FIXED_NOREPLACE, -1, 0);
    if (got == want) return finish(hint);
    /* EEXIST (taken), or an old kernel that put it elsewhere: give that back
       and fall through. */
    if (got != MAP_FAILED) munmap(got, SPAN);
  }
#endif

  /* Over-reserve so an aligned span fits, then trim both ends. */
  const uintptr_t total = SPAN + PAGE;
  uint8_t *raw = (uint8_t *)mmap(NULL, total, PROT_NONE, flags, -1, 0);
  if (raw == (uint8_t *)MAP_FAILED) return NULL;
  uintptr_t start = (uintptr_t)raw;
  uintptr_t page = (start + low_guard() + PAGE - 1) & ~(PAGE - 1);
  uintptr_t lo = span_start(page), hi = lo + SPAN;
  if (lo > start) munmap(raw, lo - start);
  if (start + total > hi) munmap((void *)hi, start + total - hi);
  return finish(page);
}

int mvn_region_contains(uintptr_t page, uintptr_t addr) {
  /* low_guard() is initialised by the first reservation, before any VM runs. */
  return page != 0 && addr >= span_start(page) && addr < span_start(page) + SPAN;
}

int mvn_region_seal(void *page) {
  return mprotect((uint8_t *)page + PAGE, WINDOW, PROT_READ);
}

void mvn_region_release(void *page) {
  if (!page) return;
  munmap((void *)span_start((uintptr_t)page), SPAN);
  live_add(-1);
}

#endif
