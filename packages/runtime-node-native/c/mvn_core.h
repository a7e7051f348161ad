/*
 * mvn_core.h: the shared glue (runtime-core/c/mvr.c) made safe to call from a
 * long-lived host process: each VM in its own region (mvn_region.h), every
 * engine entry guarded so MVM_FATAL_ERROR unwinds to the caller (mvn_engine.h),
 * and a VM that hit a fatal error refusing further use. No Node-API here: the
 * addon (mvn_napi.c) and the sanitizer harness (test/asan/harness.c) both
 * build on it.
 */
#ifndef MVN_CORE_H
#define MVN_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "mvr.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mvn_vm mvn_vm;

/* Results of mvn_op besides mvr's own (which are >= -(MVR_E_*) ... see mvr.h). */
#define MVN_E_FATAL (-0x7fff0001)   /* fatal engine error now: see mvn_fatal_code */
#define MVN_E_DEAD (-0x7fff0002)    /* the VM hit a fatal error earlier */
#define MVN_E_ACTIVE (-0x7fff0003)  /* disposing a VM whose guest is running */

/* The operations, one per mvr entry point that runs for a VM. */
enum mvn_opcode {
  MVN_OP_IMPORT_IDS, MVN_OP_EXPORT_IDS, MVN_OP_EXPORT, MVN_OP_CALL, MVN_OP_BUILD, MVN_OP_GET, MVN_OP_SET,
  MVN_OP_DELETE, MVN_OP_KEYS, MVN_OP_BYTES_READ, MVN_OP_BYTES_WRITE, MVN_OP_STRING_READ,
  MVN_OP_HANDLE_RELEASE, MVN_OP_HANDLE_COUNT, MVN_OP_SAME, MVN_OP_ASYNC_START,
  MVN_OP_ASYNC_SETTLE, MVN_OP_PROMISE_STATE, MVN_OP_RUN_GC, MVN_OP_MEMORY_STATS,
  MVN_OP_STOP_AFTER, MVN_OP_GAS_REMAINING, MVN_OP_BREAKPOINT_SET, MVN_OP_BREAKPOINT_REMOVE,
  MVN_OP_CURRENT_ADDRESS, MVN_OP_SNAPSHOT /* mvn_snapshot's; not for the binding */, MVN_OP_COUNT
};

/* The embedder's side (what mvr calls back), with the VM's user pointer. */
typedef struct mvn_host {
  int32_t (*call)(mvn_vm *vm, void *user, uint32_t hostFunctionId, uint32_t argc);
  void (*breakpoint)(mvn_vm *vm, void *user, uint32_t address);
} mvn_host;

/* A VM that is not restored yet: its scratch buffer exists from now on, at a
   fixed address. NULL when out of memory. */
mvn_vm *mvn_create(const mvn_host *host, void *user);

/* Restores the VM from a copy of `size` bytes of `snapshot`; once only.
   Returns 0, an engine/mvr error (> 0), -1 when no region could be reserved,
   or MVN_E_FATAL for a fatal engine error (the code: mvn_fatal_code). After a
   failure only mvn_dispose may follow. */
int32_t mvn_restore(mvn_vm *v, const uint8_t *snapshot, size_t size);

/* Runs one operation (arguments as the mvr function takes them). Returns the
   mvr result, or MVN_E_FATAL (the VM is dead from now on) or MVN_E_DEAD. */
int32_t mvn_op(mvn_vm *v, int op, uint32_t a, uint32_t b, uint32_t c);

/* The VM's snapshot (mvr_snapshot), copied into `out` (malloc'd, caller
   frees). Returns the size, or a negative result as mvn_op. */
int32_t mvn_snapshot(mvn_vm *v, uint8_t **out);

/* Frees the VM and releases its region. After a fatal error the engine is not
   entered again: only the host memory is freed. Returns 0 or MVN_E_ACTIVE. */
int32_t mvn_dispose(mvn_vm *v);

uint8_t *mvn_scratch(mvn_vm *v);
void *mvn_user(mvn_vm *v);
void mvn_set_user(mvn_vm *v, void *user);
/* The fatal error code the VM died of, or 0 while it is alive. */
int32_t mvn_fatal_code(mvn_vm *v);
/* Guest calls of this VM in progress (0 when idle). */
int32_t mvn_depth(mvn_vm *v);
/* The page base of the VM (for tests). */
void *mvn_page(mvn_vm *v);

#ifdef __cplusplus
}
#endif

#endif
