/*
 * mvn_region.c: 64 KiB-aligned regions with guard pages (see mvn_region.h).
 *
 * Layout of one reservation:   [guard][64 KiB region, read-write][guard]
 * The guards are inaccessible, so an engine access that strays past either
 * end of the page faults instead of touching a neighbour's memory.
 *
 * POSIX: first try the address just below the previous region with
 * MAP_FIXED_NOREPLACE (Linux >= 4.17: the kernel refuses rather than replaces
 * an existing mapping; older kernels take it as a hint, which is checked).
 * Otherwise over-reserve 3 x 64 KiB anywhere and trim to an aligned window.
 * Both ways cost one mmap for the reservation plus one mprotect; pages are
 * committed lazily, so a VM costs the memory it touches.
 *
 * Windows: allocations are 64 KiB-granular already; reserve region + two
 * granules, commit the middle one.
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

#define REGION ((uintptr_t)MVN_REGION_SIZE)

static size_t live;
#if defined(_WIN32)
static size_t live_add(long d) { return (size_t)InterlockedExchangeAdd64((volatile LONG64 *)&live, d) + d; }
#else
static size_t live_add(long d) { return __atomic_add_fetch(&live, (size_t)d, __ATOMIC_RELAXED); }
#endif

size_t mvn_region_live(void) {
#if defined(_WIN32)
  return (size_t)InterlockedCompareExchange64((volatile LONG64 *)&live, 0, 0);
#else
  return __atomic_load_n(&live, __ATOMIC_RELAXED);
#endif
}

#if defined(_WIN32)

size_t mvn_region_guard_size(void) { return REGION; }

void *mvn_region_reserve(void) {
  /* VirtualAlloc reservations are aligned to the 64 KiB allocation
     granularity, so the middle granule of three is an aligned region and the
     outer two stay reserved but uncommitted (PAGE_NOACCESS) as guards. */
  uint8_t *raw = (uint8_t *)VirtualAlloc(NULL, 3 * REGION, MEM_RESERVE, PAGE_NOACCESS);
  if (!raw) return NULL;
  uint8_t *region = raw + REGION;
  if (((uintptr_t)region & (REGION - 1)) != 0 ||
      !VirtualAlloc(region, REGION, MEM_COMMIT, PAGE_READWRITE)) {
    VirtualFree(raw, 0, MEM_RELEASE);
    return NULL;
  }
  live_add(1);
  return region;
}

void mvn_region_release(void *region) {
  if (!region) return;
  VirtualFree((uint8_t *)region - REGION, 0, MEM_RELEASE);
  live_add(-1);
}

#else /* POSIX */

#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif

static uintptr_t guard_size(void) {
  static uintptr_t size;
  if (!size) {
    long page = sysconf(_SC_PAGESIZE);
    size = (page > 0 && (uintptr_t)page <= REGION / 4) ? (uintptr_t)page : 4096;
  }
  return size;
}

size_t mvn_region_guard_size(void) { return (size_t)guard_size(); }

/* Where the next region is tried first: just below the last one, since the
   kernel hands out addresses top-down. 0 = no hint yet. */
static uintptr_t next_hint;

static int finish(uintptr_t region) {
  if (mprotect((void *)region, REGION, PROT_READ | PROT_WRITE) != 0) {
    int e = errno;
    munmap((void *)(region - guard_size()), REGION + 2 * guard_size());
    errno = e;
    return -1;
  }
  __atomic_store_n(&next_hint, region - 2 * REGION, __ATOMIC_RELAXED);
  live_add(1);
  return 0;
}

void *mvn_region_reserve(void) {
  const uintptr_t guard = guard_size();
  const size_t span = REGION + 2 * guard;
  const int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;

#if defined(MAP_FIXED_NOREPLACE)
  uintptr_t hint = __atomic_load_n(&next_hint, __ATOMIC_RELAXED);
  if (hint > 16 * REGION) {
    void *want = (void *)(hint - guard);
    void *got = mmap(want, span, PROT_NONE, flags | MAP_FIXED_NOREPLACE, -1, 0);
    if (got == want) {
      if (finish(hint) == 0) return (void *)hint;
      return NULL;
    }
    /* EEXIST (taken), or a kernel that treated the flag as a hint and put it
       elsewhere: give that back and fall through. */
    if (got != MAP_FAILED) munmap(got, span);
  }
#endif

  /* Over-reserve so an aligned window with guards fits, then trim. */
  const size_t total = 3 * REGION;
  uint8_t *raw = (uint8_t *)mmap(NULL, total, PROT_NONE, flags, -1, 0);
  if (raw == (uint8_t *)MAP_FAILED) return NULL;
  uintptr_t start = (uintptr_t)raw;
  uintptr_t region = (start + guard + REGION - 1) & ~(REGION - 1);
  uintptr_t lo = region - guard, hi = region + REGION + guard;
  if (lo > start) munmap(raw, lo - start);
  if (start + total > hi) munmap((void *)hi, start + total - hi);
  if (finish(region) != 0) return NULL;
  return (void *)region;
}

void mvn_region_release(void *region) {
  if (!region) return;
  const uintptr_t guard = guard_size();
  munmap((uint8_t *)region - guard, REGION + 2 * guard);
  live_add(-1);
}

#endif
