/*
 * mvr.h: the one C glue between the Microvium engine and a JavaScript host.
 *
 * Shared by every runtime backend (the WASM build in @mvtk/runtime-wasm and
 * the Node-API addon). The contract is deliberately small and flat so that a
 * backend is a thin binding: every function takes a `mvr_vm*`, numbers only,
 * and exchanges values through the VM's *scratch buffer* (see "Scratch" below).
 * src/ffi.ts is the TypeScript mirror of this file; keep them in step.
 *
 * Build: compile mvr.c as ONE translation unit. It includes the engine source
 * (microvium.c) itself, so do not compile or link microvium.c separately. The
 * include path must reach microvium.h/microvium.c (the engine directory),
 * port/include (microvium_port.h, mvp_config.h, mvp.h) and the target's
 * mvp_target.h; link the port layer sources (every .c file in port/src) too.
 *
 * Target hooks (optional, in the target's mvp_target.h):
 *   MVR_TARGET_ENTER(v)  run before the engine runs for VM `v` (e.g. set the
 *                        page base of a native build); MVR_TARGET_LEAVE(prev)
 *                        runs when control returns to the VM `prev` (may be
 *                        NULL). Both default to nothing.
 *   MVR_MALLOC / MVR_FREE / MVR_REALLOC  host memory outside the VM page
 *                        (default: malloc, free, realloc).
 *   MVR_THREAD_LOCAL     storage class of the "active VM" pointer (default:
 *                        nothing; a native build with worker threads uses
 *                        _Thread_local).
 *
 * The embedder provides two callbacks (imported functions in the WASM build):
 *   int32_t mvr_host_call(mvr_vm* v, uint32_t hostFunctionId, uint32_t argc);
 *   void    mvr_host_breakpoint(mvr_vm* v, uint32_t bytecodeAddress);
 *
 * @unstable This interface is private to the mvtk runtimes and may change.
 */
#ifndef MVR_H
#define MVR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped on every incompatible change; backends check it at load time. */
#define MVR_ABI_VERSION 2

/* ---- Scratch ------------------------------------------------------------
 * Each VM owns one scratch buffer (mvr_scratch). Layout, little-endian:
 *   [0, MVR_SLOTS_OFFSET)          header (reserved)
 *   slot i at MVR_SLOTS_OFFSET + 16*i, for i < MVR_SLOT_COUNT:
 *     +0  int32 tag (MVR_T_*)
 *     +4  int32 aux: byte length (strings, bytes), element/property count
 *         (builders), array/Uint8Array length (results)
 *     +8  payload: int32 (INT32, handle ids, data offsets) or float64 (DOUBLE)
 *   data area at MVR_DATA_OFFSET, MVR_DATA_SIZE bytes: string and byte
 *   contents; a slot's data offset is measured from the scratch base.
 * Slot 0 carries results, `this` and single values; arguments use slots 1..n.
 */
#define MVR_SLOTS_OFFSET 16
#define MVR_SLOT_COUNT 272
#define MVR_DATA_OFFSET (MVR_SLOTS_OFFSET + 16 * MVR_SLOT_COUNT)
#define MVR_DATA_SIZE 16384
#define MVR_SCRATCH_SIZE (MVR_DATA_OFFSET + MVR_DATA_SIZE)
#define MVR_MAX_ARGS 255
/* Nested mvr_call levels (a host function calling back into the guest, and
   so on) before mvr_call refuses with MVM_E_STACK_OVERFLOW. */
#define MVR_MAX_NESTING 64

/* Slot tags. Values both ways: */
#define MVR_T_UNDEFINED 0
#define MVR_T_NULL 1
#define MVR_T_TRUE 2
#define MVR_T_FALSE 3
#define MVR_T_INT32 4      /* +8 int32 */
#define MVR_T_DOUBLE 5     /* +8 float64 (any double: -0, NaN, +-Infinity) */
#define MVR_T_STRING 6     /* aux = UTF-8 byte length, +8 data offset */
/* Host to guest only: */
#define MVR_T_BYTES 7      /* new Uint8Array: aux = length, +8 data offset */
#define MVR_T_HANDLE 8     /* the value held by handle +8 */
#define MVR_T_HANDLE_TEMP 9 /* as HANDLE, and the handle is released once read */
#define MVR_T_OBJECT_BEGIN 10 /* builder: plain object with aux properties (key, value)... */
#define MVR_T_ARRAY_BEGIN 11  /* builder: array with aux elements */
/* Guest to host only (+8 = a new handle the host must release): */
#define MVR_T_OBJECT 16
#define MVR_T_ARRAY 17     /* aux = length */
#define MVR_T_FUNCTION 18
#define MVR_T_CLASS 19
#define MVR_T_UINT8ARRAY 20 /* aux = length */
#define MVR_T_PROMISE 21
#define MVR_T_STRING_REF 22 /* a string that did not fit in the data area; aux = byte length */
#define MVR_T_OTHER 23     /* symbol, bigint or another reserved type */

/* Results beyond the engine's mvm_TeError codes (which are 0..57). */
#define MVR_E_TOO_MANY_HANDLES 1000 /* the handle table is at MVR_MAX_HANDLES */
#define MVR_E_INVALID_HANDLE 1001   /* a handle id that is not live */
#define MVR_E_BUILD 1002            /* malformed builder stream */
#define MVR_E_STRING_TOO_LONG 1003  /* above the engine's 4094-byte allocation limit */
#define MVR_E_NO_HOST_CALL 1004     /* mvr_async_start outside a host function */
#define MVR_E_ASYNC_WITHOUT_AWAIT 1005 /* a host function returned a Promise to a guest without `await` */
#define MVR_E_TOO_MANY_ARGUMENTS 1006

/* mvr_host_call return values. */
#define MVR_HOST_RETURN 0  /* slot 0 holds the result */
#define MVR_HOST_THROW 1   /* slot 0 holds the exception the guest should catch */
#define MVR_HOST_ASYNC 2   /* the host called mvr_async_start; the guest sees a pending promise */

#define MVR_MAX_HANDLES (1u << 20)
#define MVR_BUILD_DEPTH 64

typedef struct mvr_vm mvr_vm;

/* Engine version as (major << 16) | (minor << 8) | patch; the ABI version. */
uint32_t mvr_engine_version(void);
uint32_t mvr_abi_version(void);

/* A buffer for the snapshot bytes passed to mvr_restore, outside the VM page. */
uint8_t *mvr_snapshot_alloc(uint32_t size);

/* Restore a VM into `page` (MVP_PAGE_SIZE bytes, aligned; the WASM build uses
   address 0) from `snapshot` (from mvr_snapshot_alloc; owned by the VM from now
   on, also on failure). Returns NULL and sets *out_error on failure. */
mvr_vm *mvr_restore(void *page, uint8_t *snapshot, uint32_t size, int32_t *out_error);
/* Free the VM, its handles and its snapshot (the page itself is the caller's). */
void mvr_free(mvr_vm *v);
/* The VM's scratch buffer (MVR_SCRATCH_SIZE bytes; never moves). */
uint8_t *mvr_scratch(mvr_vm *v);

/* Import IDs the snapshot needs: writes them as INT32 slots 1..n; returns n. */
int32_t mvr_import_ids(mvr_vm *v);
/* Export IDs of the snapshot, as mvr_import_ids. */
int32_t mvr_export_ids(mvr_vm *v);
/* Resolve export `id` to a new handle in slot 0. Returns an error code. */
int32_t mvr_export(mvr_vm *v, uint32_t id);

/* Call the function held by `fn` with the arguments in slots 1..argc (leaf
   values or handles; build objects first with mvr_build). flags bit 0: slot 0
   holds `this`; bit 1: `new` (fn must be a class). Result or thrown value in
   slot 0. Returns 0, MVM_E_UNCAUGHT_EXCEPTION (44) or another error code. */
int32_t mvr_call(mvr_vm *v, uint32_t fn, uint32_t argc, uint32_t flags);

/* Build a host value in the VM from `count` slots starting at slot 0 (a
   pre-order stream: OBJECT_BEGIN n, then n x (STRING key, value); ARRAY_BEGIN
   n, then n values; leaves). The stream may be split over several calls.
   Returns the handle id of the finished value (> 0), 0 if it needs more slots,
   or -(error code); an error resets the builder. */
int32_t mvr_build(mvr_vm *v, uint32_t count);

/* Properties. Key in slot 1 (STRING or INT32). get: value in slot 0. set:
   value in slot 2. delete: removes an own property of a plain object. */
int32_t mvr_get(mvr_vm *v, uint32_t obj);
int32_t mvr_set(mvr_vm *v, uint32_t obj);
int32_t mvr_delete(mvr_vm *v, uint32_t obj);
/* Own enumerable keys of an object (static members of a class): writes keys
   first..first+n-1 as STRING slots 1..n, returns n (>= 0) or -(error); slot 0
   aux holds the total number of keys. */
int32_t mvr_keys(mvr_vm *v, uint32_t obj, uint32_t first);

/* Uint8Array contents: read copies [start, start+len) into the data area
   (slot 0: BYTES); write copies `len` bytes from data offset MVR_DATA_OFFSET
   to index `start`. */
int32_t mvr_bytes_read(mvr_vm *v, uint32_t h, uint32_t start, uint32_t len);
int32_t mvr_bytes_write(mvr_vm *v, uint32_t h, uint32_t start, uint32_t len);
/* Contents of a string held by handle `h` (see MVR_T_STRING_REF) into slot 0. */
int32_t mvr_string_read(mvr_vm *v, uint32_t h);

/* Handles: release one; number live (for leak checks). */
void mvr_handle_release(mvr_vm *v, uint32_t h);
uint32_t mvr_handle_count(mvr_vm *v);
/* Is the value held by `a` the same (===) as that held by `b`? */
int32_t mvr_same(mvr_vm *v, uint32_t a, uint32_t b);

/* Async. Inside mvr_host_call only: make the current host function async;
   returns the handle of the guest's continuation (> 0) or -(error). Later,
   settle it with mvr_async_settle (value in slot 1; the handle is released). */
int32_t mvr_async_start(mvr_vm *v);
int32_t mvr_async_settle(mvr_vm *v, uint32_t callback, uint32_t success);
/* State of a guest promise: 0 pending, 1 fulfilled, 2 rejected (value in
   slot 0), -1 not a promise. */
int32_t mvr_promise_state(mvr_vm *v, uint32_t h);

/* Snapshot of the VM: returns a pointer to `*out_size` bytes inside the VM
   page (NULL if it does not fit), valid until mvr_snapshot_free. */
uint8_t *mvr_snapshot(mvr_vm *v, uint32_t *out_size);
void mvr_snapshot_free(mvr_vm *v, uint8_t *snapshot);

void mvr_run_gc(mvr_vm *v, uint32_t squeeze);
/* mvm_TsMemoryStats as 12 INT32 slots 1..12 (in field order), plus the page
   allocator's used/free/peak bytes in slots 13..15. */
void mvr_memory_stats(mvr_vm *v);

void mvr_stop_after(mvr_vm *v, int32_t n);
int32_t mvr_gas_remaining(mvr_vm *v);

void mvr_breakpoint_set(mvr_vm *v, int32_t address);
void mvr_breakpoint_remove(mvr_vm *v, int32_t address);
int32_t mvr_current_address(mvr_vm *v);

/* Provided by the embedder. */
extern int32_t mvr_host_call(mvr_vm *v, uint32_t hostFunctionId, uint32_t argc);
extern void mvr_host_breakpoint(mvr_vm *v, uint32_t address);

#ifdef __cplusplus
}
#endif

#endif
