/*
 * mvn_region.h: one 64 KiB-aligned, 64 KiB read-write region per VM, with an
 * inaccessible guard page on each side, reserved from the operating system
 * (mmap on Linux and macOS, VirtualAlloc on Windows) and returned to it on
 * release. Never maps over an existing mapping.
 */
#ifndef MVN_REGION_H
#define MVN_REGION_H

#include <stddef.h>

#define MVN_REGION_SIZE 0x10000u

#ifdef __cplusplus
extern "C" {
#endif

/* A new region, zero-filled, or NULL (errno / GetLastError says why). */
void *mvn_region_reserve(void);
/* Unmaps a region from mvn_region_reserve (NULL is ignored). */
void mvn_region_release(void *region);
/* Regions reserved and not yet released, process-wide. */
size_t mvn_region_live(void);
/* Bytes of guard on each side of a region. */
size_t mvn_region_guard_size(void);

#ifdef __cplusplus
}
#endif

#endif
