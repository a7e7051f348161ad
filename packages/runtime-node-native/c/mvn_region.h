/*
 * mvn_region.h: the memory of one VM, reserved from the operating system
 * (mmap on Linux and macOS, VirtualAlloc on Windows) and returned to it on
 * release. Never maps over an existing mapping.
 *
 *   [guard][page: 64 KiB, read-write][snapshot window: 128 KiB][guard]
 *   ^ 64 KiB-aligned page base
 *
 * The page holds everything the engine allocates for the VM (16-bit VM
 * pointers are offsets in it). The snapshot window holds a copy of the
 * snapshot bytes and is made read-only once they are in: every bytecode
 * address is a 16-bit offset from the window's start, so whatever a corrupt
 * snapshot's offsets say, the engine's reads stay inside this VM's own
 * mapping (past the snapshot they read zeros, never host memory), and a
 * write to "ROM" faults instead of corrupting anything. The guards (no
 * access) stop anything that strays past either end.
 */
#ifndef MVN_REGION_H
#define MVN_REGION_H

#include <stddef.h>
#include <stdint.h>

#define MVN_PAGE_SIZE 0x10000u
#define MVN_SNAPSHOT_WINDOW 0x20000u

#ifdef __cplusplus
extern "C" {
#endif

/* A new region (its page base), zero-filled, snapshot window writable; or
   NULL (errno / GetLastError says why). */
void *mvn_region_reserve(void);
/* The snapshot window of a region. */
static inline unsigned char *mvn_region_snapshot(void *page) { return (unsigned char *)page + MVN_PAGE_SIZE; }
/* Makes the snapshot window read-only. Returns 0 or -1. */
int mvn_region_seal(void *page);
/* Unmaps a region (NULL is ignored). */
void mvn_region_release(void *page);
/* Whether `addr` lies in the reservation (guards included) of the region
   whose page base is `page`. Async-signal-safe. */
int mvn_region_contains(uintptr_t page, uintptr_t addr);
/* Regions reserved and not yet released, process-wide. */
size_t mvn_region_live(void);

#ifdef __cplusplus
}
#endif

#endif
