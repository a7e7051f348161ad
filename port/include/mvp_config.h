/*
 * mvp_config.h: every engine setting a guest can observe, in one place.
 *
 * This file is the single source of truth for all targets (WASM, the Node-API
 * addon, every firmware image) and for the snapshot compiler, which reads the
 * `MVP_*` lines below (see packages/compiler/src/port-config.ts). Keep each
 * setting on one line of the form `#define MVP_NAME value`.
 *
 * What may differ per target lives in that target's `mvp_target.h`: where the
 * 64 KiB page is, how a fatal error unwinds, engine self-checks.
 */
#ifndef MVP_CONFIG_H
#define MVP_CONFIG_H

/* Size of the region that holds one VM: its heap, stack, globals and core. */
#define MVP_PAGE_SIZE 0x10000

/* Guest heap limit in bytes (MVM_MAX_HEAP_SIZE). The engine compacts by copying,
   so during a collection the page holds up to twice the live heap. */
#define MVP_MAX_HEAP_SIZE 0x6000

/* Guest stack in bytes (MVM_STACK_SIZE): bounds recursion depth. */
#define MVP_STACK_SIZE 0x1000

/* Heap growth step (MVM_ALLOCATION_BUCKET_SIZE). */
#define MVP_ALLOCATION_BUCKET_SIZE 0x400

/* int32 arithmetic overflows into doubles, as in JavaScript. The compiler is
   given the same setting (its `overflowChecks` option). */
#define MVP_INT32_OVERFLOW_CHECKS 1

/* 64-bit float support. */
#define MVP_SUPPORT_FLOAT 1

/* Gas counter (mvm_stopAfterNInstructions). */
#define MVP_GAS_COUNTER 1

/* mvm_createSnapshot. */
#define MVP_SNAPSHOT_CAPABILITY 1

/* Debug API (breakpoints). */
#define MVP_DEBUG_CAPABILITY 1

#endif
