/*
 * mvr.c: the C glue shared by the mvtk runtimes (see mvr.h for the contract).
 *
 * This file includes the engine source itself, so the whole engine and the
 * glue form one translation unit. Reason: the host API needs engine internals
 * that microvium.h does not declare (creating plain objects and arrays, the
 * class `new` protocol, promise state, property-list layout for delete/keys).
 * The published runtime reaches some of them through MVM_EXPOSE_INTERNALS; we
 * use the engine's own types and static helpers by name instead of copying
 * type codes and struct layouts, so a change in the pinned engine is a compile
 * error here rather than silent corruption, and the compiler can inline
 * across the boundary.
 *
 * Rules every entry point follows:
 *  - ENTER/LEAVE around engine work (the active VM for host callbacks and the
 *    target's page base), with a single exit path.
 *  - A guest value that must survive an allocation lives in a handle: any
 *    allocation may run the garbage collector, which moves heap values.
 *  - No engine error is fatal here: sizes and types are checked before the
 *    engine would stop with MVM_FATAL_ERROR.
 */
#define MVM_EXPOSE_INTERNALS 1
#include <stddef.h>
/* The engine calls function pointers it keeps in its VM struct (the import
   table, the breakpoint callback). Engine patch 0012 asks, before every such
   call, whether the pointer is one the glue gave it (there are two): with
   the VM struct in the page (before patch 0014, and still on the boards) a
   corrupt heap could overwrite them mid-run, between two check_core calls. */
static int mvr_callback_ok(void (*fn)(void));
#define MVM_CALLBACK_OK(vm, fn) mvr_callback_ok((void (*)(void))(fn))
/* The engine's VM struct and its import table are all native pointers.
   Engine patch 0014 lets the glue keep them in host memory, out of reach of a
   corrupt heap's pointers, which only ever address the page. (The globals and
   the stack, which bytecode indexes unchecked, stay in the page: there a
   corrupt index cannot reach host memory.) */
static void *mvr_core_malloc(size_t size);
static void mvr_core_free(void *p);
#define MVM_CONTEXTUAL_MALLOC_CORE(size, context) mvr_core_malloc(size)
#define MVM_CONTEXTUAL_FREE_CORE(p, context) mvr_core_free(p)
#include "microvium.c"

#include "mvr.h"

#ifndef MVR_MALLOC
#define MVR_MALLOC(size) malloc(size)
#endif
#ifndef MVR_FREE
#define MVR_FREE(p) free(p)
#endif
#ifndef MVR_REALLOC
#define MVR_REALLOC(p, size) realloc((p), (size))
#endif
#ifndef MVR_TARGET_ENTER
#define MVR_TARGET_ENTER(v) ((void)0)
#endif
#ifndef MVR_TARGET_LEAVE
#define MVR_TARGET_LEAVE(prev) ((void)0)
#endif
#ifndef MVR_THREAD_LOCAL
#define MVR_THREAD_LOCAL
#endif

#define MVR_CHUNK_BITS 10
#define MVR_CHUNK (1u << MVR_CHUNK_BITS)
#define MVR_TEMPS 8
#define MVR_MAX_STRING (MAX_ALLOCATION_SIZE - 1)

/* The host function being run, for mvr_async_start. */
typedef struct mvr_frame {
  struct mvr_frame *prev;
  Value *result;
  Value cpsCallback;
  uint16_t argCountAndFlags;
  bool asyncStarted;
} mvr_frame;

typedef struct mvr_build_frame {
  uint32_t remaining;
  uint16_t index;
  bool isArray;
  bool expectKey;
} mvr_build_frame;

struct mvr_vm {
  mvm_VM *vm;
  void *page;
  uint8_t *snapshot;
  mvr_frame *frame;
  uint32_t nesting; /* mvr_call levels in progress (host -> guest -> host -> ...) */
  /* How many of args[] and of buildValues/buildKeys[] are registered with
     the engine so far (see root_handles). */
  uint32_t argsRooted;
  uint32_t buildRooted;
  /* Arguments of the call being made. The engine pushes them onto the guest
     stack before any guest code runs, so nested calls can reuse the array,
     and it does not weigh on the native stack at every nesting level. */
  Value callArgs[MVR_MAX_ARGS];
  /* Handle table: chunks of engine handles, each registered once with the
     engine (so the GC updates them) and recycled through `freeList`. A free
     handle holds `undefined`. */
  mvm_Handle **chunks;
  uint32_t chunkCount;
  uint32_t capacity; /* handles in chunks; id 0 is never used */
  uint32_t next;     /* next never-used id */
  uint32_t live;
  uint32_t *freeList;
  uint32_t freeCount;
  uint32_t freeCapacity;
  /* Rooted temporaries: arguments of the current mvr_call, and scratch roots. */
  mvm_Handle args[MVR_MAX_ARGS + 1];
  mvm_Handle temp[MVR_TEMPS];
  /* Builder state (mvr_build). */
  mvm_Handle buildValues[MVR_BUILD_DEPTH];
  mvm_Handle buildKeys[MVR_BUILD_DEPTH];
  mvr_build_frame build[MVR_BUILD_DEPTH];
  int32_t buildDepth;
  uint32_t dataUsed; /* bytes of the data area used by results of this call */
  /* The engine's blocks in host memory (mvr_core_malloc), to free what a VM
     that stopped on a fatal error leaves behind. */
  struct mvr_core_block *core;
  /* The VM's own pointers as restore left them (see check_core). */
  uint16_t *coreGlobals;
  LongPtr coreBytecode;
  mvm_TfHostFunction *coreImports; /* the import table and its length */
  uint16_t coreImportCount;
  _Alignas(8) uint8_t scratch[MVR_SCRATCH_SIZE];
};

static MVR_THREAD_LOCAL mvr_vm *mvr_active;

/* ---- The engine's own state, in host memory ------------------------------- */

/* A block of the engine's state, linked to the VM it was allocated for (the
   active one: the engine allocates only while the glue has entered it). */
typedef struct mvr_core_block {
  mvr_vm *owner;
  struct mvr_core_block *prev, *next;
} mvr_core_block;
/* The header, rounded up so the engine's struct after it keeps its alignment. */
#define MVR_CORE_HEADER ((sizeof(mvr_core_block) + 15u) & ~(size_t)15u)

static void *mvr_core_malloc(size_t size) {
  mvr_vm *v = mvr_active;
  mvr_core_block *b = v ? MVR_MALLOC(MVR_CORE_HEADER + size) : NULL;
  if (!b) return NULL;
  b->owner = v;
  b->prev = NULL;
  b->next = v->core;
  if (v->core) v->core->prev = b;
  v->core = b;
  return (uint8_t *)b + MVR_CORE_HEADER;
}

static void mvr_core_free(void *p) {
  if (!p) return;
  mvr_core_block *b = (mvr_core_block *)(void *)((uint8_t *)p - MVR_CORE_HEADER);
  if (b->prev) b->prev->next = b->next;
  else b->owner->core = b->next;
  if (b->next) b->next->prev = b->prev;
  MVR_FREE(b);
}

/* Frees the engine blocks of `v` that the engine did not free itself (all of
   them when its VM stopped on a fatal error and is not walked). Never enters
   the engine. */
static void mvr_core_release(mvr_vm *v) {
  while (v->core) mvr_core_free((uint8_t *)v->core + MVR_CORE_HEADER);
}

static mvm_TeError mvr_trampoline(mvm_VM *vm, mvm_HostFunctionID id, Value *result, Value *args, uint8_t argc);

/* The engine's VM struct lives in host memory (mvr_core_malloc), where guest
   writes cannot reach; its stack, globals and bucket headers stay in the page
   (engine patch 0013 checks the bucket links). A second line of defence
   against an engine bug: before the engine runs again, check that what must not change has not;
   a VM whose core changed stops with MVM_E_HEAP_CORRUPT instead of following
   a wild pointer out of its region. */
#if MVM_INCLUDE_DEBUG_CAPABILITY
static void on_breakpoint(mvm_VM *vm, uint16_t address);
#endif

static bool core_intact(mvr_vm *v) {
  mvm_VM *vm = v->vm;
  uintptr_t page = (uintptr_t)v->page;
  if (!v->coreGlobals) return true; /* not restored yet */
  bool ok = vm->globals == v->coreGlobals && vm->lpBytecode == v->coreBytecode && vm->context == v->page &&
            (!vm->stack || (uintptr_t)vm->stack - page < MVP_PAGE_SIZE) &&
            (!vm->pLastBucket || (uintptr_t)vm->pLastBucket - page < MVP_PAGE_SIZE) &&
            (!vm->pLastBucketEndCapacity || (uintptr_t)vm->pLastBucketEndCapacity - page <= MVP_PAGE_SIZE);
#if MVM_INCLUDE_DEBUG_CAPABILITY
  ok = ok && (!vm->breakpointCallback || vm->breakpointCallback == on_breakpoint);
#endif
  for (uint16_t i = 0; ok && i < v->coreImportCount; i++) ok = v->coreImports[i] == mvr_trampoline;
  return ok;
}

/* At every entry (ENTER): one out-of-line call, not a copy per entry point. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void check_core(mvr_vm *v) {
  if (!core_intact(v)) MVM_FATAL_ERROR(v->vm, MVM_E_HEAP_CORRUPT);
}
#define ENTER(v)                      \
  mvr_vm *mvr_prev_ = mvr_active;     \
  mvr_active = (v);                   \
  MVR_TARGET_ENTER(v);                \
  check_core(v)
#define LEAVE()            \
  mvr_active = mvr_prev_;  \
  MVR_TARGET_LEAVE(mvr_prev_)

/* ---- Scratch slots --------------------------------------------------------- */

static inline uint8_t *slot(mvr_vm *v, uint32_t i) { return v->scratch + MVR_SLOTS_OFFSET + 16 * i; }
static inline int32_t slot_tag(mvr_vm *v, uint32_t i) { int32_t t; memcpy(&t, slot(v, i), 4); return t; }
static inline int32_t slot_aux(mvr_vm *v, uint32_t i) { int32_t t; memcpy(&t, slot(v, i) + 4, 4); return t; }
static inline int32_t slot_i32(mvr_vm *v, uint32_t i) { int32_t t; memcpy(&t, slot(v, i) + 8, 4); return t; }
static inline double slot_f64(mvr_vm *v, uint32_t i) { double d; memcpy(&d, slot(v, i) + 8, 8); return d; }
static inline void set_slot(mvr_vm *v, uint32_t i, int32_t tag, int32_t aux, int32_t payload) {
  uint8_t *s = slot(v, i);
  memcpy(s, &tag, 4);
  memcpy(s + 4, &aux, 4);
  memcpy(s + 8, &payload, 4);
}
static inline void set_slot_f64(mvr_vm *v, uint32_t i, double d) {
  int32_t tag = MVR_T_DOUBLE;
  uint8_t *s = slot(v, i);
  memcpy(s, &tag, 4);
  memcpy(s + 8, &d, 8);
}

/* ---- Handles ------------------------------------------------------------- */

static inline mvm_Handle *handle_at(mvr_vm *v, uint32_t id) {
  return &v->chunks[id >> MVR_CHUNK_BITS][id & (MVR_CHUNK - 1)];
}

static bool handle_valid(mvr_vm *v, uint32_t id) {
  return id > 0 && id < v->next && v->chunks[id >> MVR_CHUNK_BITS] != NULL;
}

/* A new handle holding `value`, or 0 if the table is full. Never runs the GC. */
/* Registers `n` fresh handles with the engine's GC roots, as
   mvm_initializeHandle does, without its safe-mode check that walks the whole
   handle list for each handle (which made a VM's restore, and a run of new
   proxies, quadratic in the number of handles). */
static void handles_register(mvm_VM *vm, mvm_Handle *h, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) {
    h[i]._value = VM_VALUE_UNDEFINED;
    h[i]._next = vm->gc_handles;
    vm->gc_handles = &h[i];
  }
}

/* Registers h[*rooted .. need-1] with the engine, once each. The glue's
   handles are registered as they are first needed, not all at restore: the
   collector walks the whole handle list (and, before engine patch 0016, a
   safe-mode engine did too on every call to a host function). */
static void root_handles(mvm_VM *vm, mvm_Handle *h, uint32_t *rooted, uint32_t need) {
  if (need > *rooted) {
    handles_register(vm, h + *rooted, need - *rooted);
    *rooted = need;
  }
}

static uint32_t handle_new(mvr_vm *v, Value value) {
  uint32_t id;
  if (v->freeCount) {
    id = v->freeList[--v->freeCount];
  } else {
    if (v->next >= v->capacity) {
      if (v->capacity >= MVR_MAX_HANDLES) return 0;
      uint32_t c = v->capacity >> MVR_CHUNK_BITS;
      if (c >= v->chunkCount) {
        uint32_t n = v->chunkCount ? v->chunkCount * 2 : 4;
        mvm_Handle **chunks = MVR_REALLOC(v->chunks, n * sizeof *chunks);
        if (!chunks) return 0;
        for (uint32_t i = v->chunkCount; i < n; i++) chunks[i] = NULL;
        v->chunks = chunks;
        v->chunkCount = n;
      }
      mvm_Handle *chunk = MVR_MALLOC(MVR_CHUNK * sizeof(mvm_Handle));
      if (!chunk) return 0;
      v->chunks[c] = chunk;
      v->capacity += MVR_CHUNK;
      if (v->next == 0) v->next = 1; /* id 0 is "no handle" */
    }
    id = v->next++;
    handles_register(v->vm, handle_at(v, id), 1); /* first use of this handle */
  }
  handle_at(v, id)->_value = value;
  v->live++;
  return id;
}

static void handle_release(mvr_vm *v, uint32_t id) {
  if (!handle_valid(v, id)) return;
  mvm_Handle *h = handle_at(v, id);
  if (h->_value == VM_VALUE_DELETED) return; /* already free */
  if (v->freeCount == v->freeCapacity) {
    uint32_t n = v->freeCapacity ? v->freeCapacity * 2 : 256;
    uint32_t *list = MVR_REALLOC(v->freeList, n * sizeof *list);
    if (!list) return; /* leak the slot rather than corrupt the table */
    v->freeList = list;
    v->freeCapacity = n;
  }
  /* DELETED marks a free handle; the GC treats it like any non-pointer. */
  h->_value = VM_VALUE_DELETED;
  v->freeList[v->freeCount++] = id;
  v->live--;
}

/* The value held by handle `id`, or false if `id` is not live. */
static bool handle_get(mvr_vm *v, uint32_t id, Value *out) {
  if (!handle_valid(v, id)) return false;
  Value value = handle_at(v, id)->_value;
  if (value == VM_VALUE_DELETED) return false;
  *out = value;
  return true;
}

/* ---- Guest to host --------------------------------------------------------- */

static bool is_promise(mvm_VM *vm, Value value) {
  Value proto = getBuiltin(vm, BIN_PROMISE_PROTOTYPE);
  if (proto == VM_VALUE_UNDEFINED) return false;
  Value *p = ShortPtr_decode(vm, value);
  return (vm_getAllocationSize(p) >= 4) && p[VM_OIS_PROTO] == proto;
}

/* Copy `size` bytes to the data area; returns the scratch offset or -1. */
static int32_t data_put(mvr_vm *v, const void *bytes, uint32_t size) {
  /* Compared without adding: a corrupt string's length can be near 2^32. */
  if (size > MVR_DATA_SIZE - v->dataUsed) return -1;
  uint32_t at = MVR_DATA_OFFSET + v->dataUsed;
  memcpy(v->scratch + at, bytes, size);
  v->dataUsed += (size + 3) & ~3u;
  return (int32_t)at;
}

static int32_t ref_slot(mvr_vm *v, uint32_t i, int32_t tag, int32_t aux, Value value) {
  uint32_t id = handle_new(v, value);
  if (!id) return MVR_E_TOO_MANY_HANDLES;
  set_slot(v, i, tag, aux, (int32_t)id);
  return 0;
}

/* Describe `value` in slot `i`. Never runs the GC. Returns 0 or an error. */
static int32_t write_value(mvr_vm *v, uint32_t i, Value value) {
  mvm_VM *vm = v->vm;
  TeTypeCode tc = deepTypeOf(vm, value);
  switch (tc) {
    case TC_VAL_INT14: set_slot(v, i, MVR_T_INT32, 0, VirtualInt14_decode(vm, value)); return 0;
    case TC_VAL_UNDEFINED: case TC_VAL_DELETED: set_slot(v, i, MVR_T_UNDEFINED, 0, 0); return 0;
    case TC_VAL_NULL: set_slot(v, i, MVR_T_NULL, 0, 0); return 0;
    case TC_VAL_TRUE: set_slot(v, i, MVR_T_TRUE, 0, 0); return 0;
    case TC_VAL_FALSE: set_slot(v, i, MVR_T_FALSE, 0, 0); return 0;
    case TC_VAL_NAN: set_slot_f64(v, i, MVM_FLOAT64_NAN); return 0;
    case TC_VAL_NEG_ZERO: set_slot_f64(v, i, -0.0); return 0;
    case TC_REF_INT32: set_slot(v, i, MVR_T_INT32, 0, vm_readInt32(vm, tc, value)); return 0;
    case TC_REF_FLOAT64: set_slot_f64(v, i, mvm_toFloat64(vm, value)); return 0;
    case TC_REF_STRING: case TC_REF_INTERNED_STRING: case TC_VAL_STR_LENGTH: case TC_VAL_STR_PROTO: {
      size_t size;
      const char *text = mvm_toStringUtf8(vm, value, &size);
      int32_t at = data_put(v, text, (uint32_t)size);
      if (at < 0) return ref_slot(v, i, MVR_T_STRING_REF, (int32_t)size, value);
      set_slot(v, i, MVR_T_STRING, (int32_t)size, at);
      return 0;
    }
    case TC_REF_FUNCTION: case TC_REF_HOST_FUNC: case TC_REF_CLOSURE: case TC_VAL_NO_OP_FUNC:
      return ref_slot(v, i, MVR_T_FUNCTION, 0, value);
    case TC_REF_CLASS: return ref_slot(v, i, MVR_T_CLASS, 0, value);
    case TC_REF_ARRAY: case TC_REF_FIXED_LENGTH_ARRAY: {
      int32_t length;
      if (tc == TC_REF_ARRAY) {
        LongPtr lp = DynamicPtr_decode_long(vm, value);
        length = VirtualInt14_decode(vm, READ_FIELD_2(lp, TsArray, viLength));
      } else {
        length = vm_getAllocationSize_long(DynamicPtr_decode_long(vm, value)) / 2;
      }
      return ref_slot(v, i, MVR_T_ARRAY, length, value);
    }
    case TC_REF_UINT8_ARRAY:
      return ref_slot(v, i, MVR_T_UINT8ARRAY, vm_getAllocationSize_long(DynamicPtr_decode_long(vm, value)), value);
    case TC_REF_PROPERTY_LIST:
      return ref_slot(v, i, is_promise(vm, value) ? MVR_T_PROMISE : MVR_T_OBJECT, 0, value);
    default: return ref_slot(v, i, MVR_T_OTHER, 0, value);
  }
}

/* ---- Host to guest --------------------------------------------------------- */

/* Read a leaf value (not a builder tag) from slot `i` into *out, which must be
   rooted (a handle). May run the GC. Releases HANDLE_TEMP handles. */
static int32_t read_value(mvr_vm *v, uint32_t i, Value *out) {
  mvm_VM *vm = v->vm;
  switch (slot_tag(v, i)) {
    case MVR_T_UNDEFINED: *out = VM_VALUE_UNDEFINED; return 0;
    case MVR_T_NULL: *out = VM_VALUE_NULL; return 0;
    case MVR_T_TRUE: *out = VM_VALUE_TRUE; return 0;
    case MVR_T_FALSE: *out = VM_VALUE_FALSE; return 0;
    case MVR_T_INT32: *out = mvm_newInt32(vm, slot_i32(v, i)); return 0;
    case MVR_T_DOUBLE: *out = mvm_newNumber(vm, slot_f64(v, i)); return 0;
    case MVR_T_STRING: case MVR_T_BYTES: {
      int32_t size = slot_aux(v, i), at = slot_i32(v, i);
      if (size < 0 || at < MVR_DATA_OFFSET || at + size > MVR_SCRATCH_SIZE) return MVR_E_BUILD;
      if (slot_tag(v, i) == MVR_T_STRING) {
        if (size > MVR_MAX_STRING) return MVR_E_STRING_TOO_LONG;
        *out = mvm_newString(vm, (const char *)v->scratch + at, (size_t)size);
      } else {
        /* The engine cannot hold an empty Uint8Array (engine patch 0006). */
        if (size == 0 || size > MAX_ALLOCATION_SIZE) return MVM_E_INVALID_UINT8_ARRAY_LENGTH;
        *out = mvm_uint8ArrayFromBytes(vm, v->scratch + at, (size_t)size);
      }
      return 0;
    }
    case MVR_T_HANDLE: case MVR_T_HANDLE_TEMP: {
      uint32_t id = (uint32_t)slot_i32(v, i);
      if (!handle_get(v, id, out)) return MVR_E_INVALID_HANDLE;
      if (slot_tag(v, i) == MVR_T_HANDLE_TEMP) handle_release(v, id);
      return 0;
    }
    default: return MVR_E_BUILD;
  }
}

static Value new_object(mvm_VM *vm) {
  TsPropertyList *p = GC_ALLOCATE_TYPE(vm, TsPropertyList, TC_REF_PROPERTY_LIST);
  p->dpNext = VM_VALUE_NULL;
  p->dpProto = VM_VALUE_NULL; /* as the engine's object literals */
  return ShortPtr_encode(vm, p);
}

/* vm_newArray, rooting through a handle instead of the VM stack (which is
   empty while the VM is idle). */
static Value new_array(mvr_vm *v, uint16_t capacity) {
  mvm_VM *vm = v->vm;
  TsArray *arr = GC_ALLOCATE_TYPE(vm, TsArray, TC_REF_ARRAY);
  arr->viLength = VirtualInt14_encode(vm, 0);
  arr->dpData = VM_VALUE_NULL;
  Value result = ShortPtr_encode(vm, arr);
  if (capacity) {
    Value *root = &v->temp[3]._value;
    *root = result;
    uint16_t *data = mvm_allocate(vm, capacity * 2, TC_REF_FIXED_LENGTH_ARRAY);
    result = *root;
    *root = VM_VALUE_UNDEFINED;
    arr = ShortPtr_decode(vm, result);
    arr->dpData = ShortPtr_encode(vm, data);
    for (uint16_t i = 0; i < capacity; i++) data[i] = VM_VALUE_DELETED;
  }
  return result;
}

/* ---- Lifecycle --------------------------------------------------------------- */

uint32_t mvr_engine_version(void) {
  return ((uint32_t)MVM_ENGINE_MAJOR_VERSION << 16) | ((uint32_t)MVM_ENGINE_MINOR_VERSION << 8);
}

uint32_t mvr_abi_version(void) { return MVR_ABI_VERSION; }

uint8_t *mvr_snapshot_alloc(uint32_t size) { return MVR_MALLOC(size ? size : 1); }

static mvm_TeError mvr_trampoline(mvm_VM *vm, mvm_HostFunctionID id, Value *result, Value *args, uint8_t argc);

static mvm_TeError resolve_import(mvm_HostFunctionID id, void *context, mvm_TfHostFunction *out) {
  (void)id;
  (void)context;
  *out = mvr_trampoline; /* the host checks the IDs with mvr_import_ids */
  return MVM_E_SUCCESS;
}

static void on_breakpoint(mvm_VM *vm, uint16_t address) {
  (void)vm;
  mvr_host_breakpoint(mvr_active, address);
}

static int mvr_callback_ok(void (*fn)(void)) {
  return fn == (void (*)(void))mvr_trampoline || fn == (void (*)(void))on_breakpoint;
}

mvr_vm *mvr_restore(void *page, uint8_t *snapshot, uint32_t size, int32_t *out_error) {
  mvr_vm *v = MVR_MALLOC(sizeof(mvr_vm));
  if (!v) {
    MVR_FREE(snapshot);
    *out_error = MVM_E_MALLOC_FAIL;
    return NULL;
  }
  memset(v, 0, offsetof(mvr_vm, scratch));
  v->page = page;
  v->snapshot = snapshot;
  v->buildDepth = 0;
  ENTER(v);
  mvp_page_init(page);
  mvm_TeError err = mvm_restore(&v->vm, snapshot, size, page, resolve_import);
  if (err == MVM_E_SUCCESS) {
    handles_register(v->vm, v->temp, MVR_TEMPS);
    root_handles(v->vm, v->args, &v->argsRooted, 2); /* this and one argument */
#if MVM_INCLUDE_DEBUG_CAPABILITY
    mvm_dbg_setBreakpointCallback(v->vm, on_breakpoint);
#endif
    v->coreGlobals = v->vm->globals;
    v->coreBytecode = v->vm->lpBytecode;
    /* Fixed from here on (the table lives in the VM struct, which does not
       move; its length comes from the bytecode): not re-read at each entry. */
    v->coreImports = vm_getResolvedImports(v->vm);
    v->coreImportCount = getSectionSize(v->vm, BCS_IMPORT_TABLE) / sizeof(vm_TsImportTableEntry);
  }
  LEAVE();
  if (err != MVM_E_SUCCESS) {
    mvr_core_release(v);
    MVR_FREE(snapshot);
    MVR_FREE(v);
    *out_error = (int32_t)err;
    return NULL;
  }
  *out_error = 0;
  return v;
}

void mvr_free(mvr_vm *v) {
  if (!v) return;
  mvr_vm *mvr_prev_ = mvr_active;
  mvr_active = v;
  MVR_TARGET_ENTER(v);
  /* A VM whose core was overwritten is not walked to free it: its page goes
     with its region (or instance) anyway. */
  if (core_intact(v)) mvm_free(v->vm);
  LEAVE();
  mvr_core_release(v);
  for (uint32_t c = 0; c < v->chunkCount; c++) MVR_FREE(v->chunks[c]);
  MVR_FREE(v->chunks);
  MVR_FREE(v->freeList);
  MVR_FREE(v->snapshot);
  MVR_FREE(v);
}

uint8_t *mvr_scratch(mvr_vm *v) { return v->scratch; }

int32_t mvr_import_ids(mvr_vm *v) {
  uint16_t size = getSectionSize(v->vm, BCS_IMPORT_TABLE);
  int32_t n = size / (int32_t)sizeof(vm_TsImportTableEntry);
  if (n > MVR_SLOT_COUNT - 1) n = MVR_SLOT_COUNT - 1;
  for (int32_t i = 0; i < n; i++) set_slot(v, (uint32_t)i + 1, MVR_T_INT32, 0, vm_getHostFunctionId(v->vm, (uint16_t)i));
  return n;
}

int32_t mvr_export_ids(mvr_vm *v) {
  uint16_t size = getSectionSize(v->vm, BCS_EXPORT_TABLE);
  int32_t n = size / (int32_t)sizeof(vm_TsExportTableEntry);
  if (n > MVR_SLOT_COUNT - 1) n = MVR_SLOT_COUNT - 1;
  LongPtr lp = getBytecodeSection(v->vm, BCS_EXPORT_TABLE, NULL);
  for (int32_t i = 0; i < n; i++) {
    uint16_t id = LongPtr_read2_aligned(LongPtr_add(lp, (int16_t)(i * sizeof(vm_TsExportTableEntry))));
    set_slot(v, (uint32_t)i + 1, MVR_T_INT32, 0, id);
  }
  return n;
}

int32_t mvr_export(mvr_vm *v, uint32_t id) {
  Value value;
  v->dataUsed = 0;
  ENTER(v);
  int32_t err = vm_resolveExport(v->vm, (mvm_VMExportID)id, &value);
  if (!err) err = write_value(v, 0, value);
  LEAVE();
  return err;
}

/* ---- Calls --------------------------------------------------------------- */

/* `new cls(...args)`: the engine's SUB_NEW, for a call from the host. */
static mvm_TeError construct(mvr_vm *v, Value *pClass, Value *out, uint8_t argc) {
  mvm_VM *vm = v->vm;
  if (deepTypeOf(vm, *pClass) != TC_REF_CLASS) return MVM_E_USING_NEW_ON_NON_CLASS;
  Value *pProto = &v->temp[1]._value;
  Value *pKey = &v->temp[2]._value;
  *pProto = READ_FIELD_2(DynamicPtr_decode_long(vm, *pClass), TsClass, staticProps);
  *pKey = getBuiltin(vm, BIN_STR_PROTOTYPE);
  if (*pKey == VM_VALUE_UNDEFINED) return MVM_E_CLASS_PROTOTYPE_MUST_BE_NULL_OR_OBJECT;
  mvm_TeError err = getProperty(vm, pProto, pKey, pProto);
  if (err) return err;
  uint16_t slots = 0;
  TeTypeCode tc = deepTypeOf(vm, *pProto);
  if (tc == TC_REF_PROPERTY_LIST) {
    Value *p = ShortPtr_decode(vm, *pProto);
    if (vm_getAllocationSize(p) >= 4 && p[VM_OIS_PROTO_SLOT_MAGIC_KEY] == VM_PROTO_SLOT_MAGIC_KEY_VALUE) {
      slots = (uint16_t)VirtualInt14_decode(vm, p[VM_OIS_PROTO_SLOT_COUNT]);
    }
  } else if (tc != TC_VAL_NULL) {
    return MVM_E_CLASS_PROTOTYPE_MUST_BE_NULL_OR_OBJECT;
  }
  Value *obj = mvm_allocate(vm, (uint16_t)(sizeof(TsPropertyList) + slots * sizeof(Value)), TC_REF_PROPERTY_LIST);
  obj[0] = VM_VALUE_NULL;
  obj[1] = *pProto;
  if (slots) {
    Value *src = (Value *)ShortPtr_decode(vm, *pProto) + 4;
    for (uint16_t i = 0; i < slots; i++) obj[2 + i] = src[i];
  }
  Value *pThis = &v->temp[3]._value;
  *pThis = ShortPtr_encode(vm, obj);
  Value func = READ_FIELD_2(DynamicPtr_decode_long(vm, *pClass), TsClass, constructorFunc);
  /* The arguments are read from their roots only now: allocating above may
     have moved them. */
  Value *args = v->callArgs;
  for (uint8_t i = 0; i < argc; i++) args[i] = v->args[i + 1]._value;
  err = mvm_callEx(vm, func, *pThis, out, args, argc);
  if (err == MVM_E_SUCCESS) *out = *pThis;
  *pProto = *pKey = *pThis = VM_VALUE_UNDEFINED;
  return err;
}

int32_t mvr_call(mvr_vm *v, uint32_t fn, uint32_t argc, uint32_t flags) {
  if (argc > MVR_MAX_ARGS) return MVR_E_TOO_MANY_ARGUMENTS;
  /* Every level of host -> guest -> host -> guest nesting takes native (C)
     stack, of which a WASM instance has little; a fixed limit, the same on
     every target, stops deep reentrancy with the engine's own error before
     any target runs out. */
  if (v->nesting >= MVR_MAX_NESTING) return MVM_E_STACK_OVERFLOW;
  Value func;
  if (!handle_get(v, fn, &func)) return MVR_E_INVALID_HANDLE;
  int32_t err = 0;
  ENTER(v);
  v->nesting++;
  mvm_VM *vm = v->vm;
  Value *args = v->callArgs;
  uint32_t i;
  root_handles(vm, v->args, &v->argsRooted, argc + 1);
  for (i = (flags & 1) ? 0 : 1; i <= argc && !err; i++) err = read_value(v, i, &v->args[i]._value);
  if (!err) {
    for (i = 1; i <= argc; i++) args[i - 1] = v->args[i]._value;
    Value result = VM_VALUE_UNDEFINED;
    Value *pFunc = &v->temp[0]._value;
    *pFunc = func;
    if (flags & 2) {
      err = construct(v, pFunc, &result, (uint8_t)argc);
    } else if (flags & 1) {
      err = mvm_callEx(vm, func, v->args[0]._value, &result, args, (uint8_t)argc);
    } else {
      err = mvm_call(vm, func, &result, args, (uint8_t)argc);
    }
    *pFunc = VM_VALUE_UNDEFINED;
    v->dataUsed = 0;
    if (err == MVM_E_SUCCESS || err == MVM_E_UNCAUGHT_EXCEPTION) {
      int32_t e = write_value(v, 0, result);
      if (e) err = e;
    }
  }
  for (i = 0; i <= argc; i++) v->args[i]._value = VM_VALUE_UNDEFINED;
  v->nesting--;
  LEAVE();
  return err;
}

static mvm_TeError mvr_trampoline(mvm_VM *vm, mvm_HostFunctionID id, Value *result, Value *args, uint8_t argc) {
  mvr_vm *v = mvr_active;
  mvr_frame frame;
  frame.prev = v->frame;
  frame.result = result;
  frame.cpsCallback = vm->stack->reg.cpsCallback;
  frame.argCountAndFlags = vm->stack->reg.argCountAndFlags;
  frame.asyncStarted = false;
  v->frame = &frame;
  v->dataUsed = 0;
  int32_t err = 0;
  for (uint32_t i = 0; i < argc && !err; i++) err = write_value(v, i + 1, args[i]);
  int32_t r = err ? -err : mvr_host_call(v, id, argc);
  v->frame = frame.prev;
  if (r == MVR_HOST_ASYNC && frame.asyncStarted) return MVM_E_SUCCESS;
  if (r == MVR_HOST_RETURN || r == MVR_HOST_THROW) {
    Value value = VM_VALUE_UNDEFINED;
    int32_t e = read_value(v, 0, &v->temp[4]._value);
    value = v->temp[4]._value;
    v->temp[4]._value = VM_VALUE_UNDEFINED;
    if (e) return (mvm_TeError)(e < 256 ? e : MVM_E_HOST_RETURNED_INVALID_VALUE);
    *result = value;
    return r == MVR_HOST_THROW ? MVM_E_UNCAUGHT_EXCEPTION : MVM_E_SUCCESS;
  }
  if (r < 0 && -r < 256) return (mvm_TeError)-r;
  return MVM_E_HOST_ERROR;
}

/* ---- Building values -------------------------------------------------------- */

static void build_reset(mvr_vm *v) {
  for (int32_t d = 0; d < MVR_BUILD_DEPTH; d++) {
    v->buildValues[d]._value = VM_VALUE_UNDEFINED;
    v->buildKeys[d]._value = VM_VALUE_UNDEFINED;
  }
  v->buildDepth = 0;
}

int32_t mvr_build(mvr_vm *v, uint32_t count) {
  if (count > MVR_SLOT_COUNT) count = MVR_SLOT_COUNT;
  int32_t err = 0, done = 0;
  ENTER(v);
  mvm_VM *vm = v->vm;
  Value *pValue = &v->temp[5]._value;
  for (uint32_t i = 0; i < count && !err && !done; i++) {
    int32_t tag = slot_tag(v, i);
    mvr_build_frame *top = v->buildDepth ? &v->build[v->buildDepth - 1] : NULL;
    if (top && top->expectKey) {
      if (tag != MVR_T_STRING) { err = MVR_E_BUILD; break; }
      err = read_value(v, i, &v->buildKeys[v->buildDepth - 1]._value);
      top->expectKey = false;
      continue;
    }
    if (tag == MVR_T_OBJECT_BEGIN || tag == MVR_T_ARRAY_BEGIN) {
      int32_t n = slot_aux(v, i);
      if (v->buildDepth >= MVR_BUILD_DEPTH) { err = MVM_E_STACK_OVERFLOW; break; }
      if (n < 0 || (tag == MVR_T_ARRAY_BEGIN && n > MAX_ALLOCATION_SIZE / 2)) { err = MVM_E_ARRAY_TOO_LONG; break; }
      if (tag == MVR_T_OBJECT_BEGIN && n > MAX_ALLOCATION_SIZE / 4) { err = MVM_E_ALLOCATION_TOO_LARGE; break; }
      mvr_build_frame *f = &v->build[v->buildDepth];
      uint32_t rooted = v->buildRooted;
      root_handles(vm, v->buildValues, &rooted, v->buildDepth + 1);
      root_handles(vm, v->buildKeys, &v->buildRooted, v->buildDepth + 1);
      f->remaining = (uint32_t)n;
      f->index = 0;
      f->isArray = tag == MVR_T_ARRAY_BEGIN;
      f->expectKey = !f->isArray && n > 0;
      v->buildValues[v->buildDepth]._value = f->isArray ? new_array(v, (uint16_t)n) : new_object(vm);
      v->buildDepth++;
      if (n > 0) continue;
      /* An empty container is complete at once. */
      *pValue = v->buildValues[--v->buildDepth]._value;
      v->buildValues[v->buildDepth]._value = VM_VALUE_UNDEFINED;
    } else {
      err = read_value(v, i, pValue);
      if (err) break;
    }
    /* A value is complete: store it in its container, closing finished ones. */
    for (;;) {
      if (!v->buildDepth) {
        uint32_t id = handle_new(v, *pValue);
        if (!id) err = MVR_E_TOO_MANY_HANDLES;
        done = (int32_t)id;
        break;
      }
      int32_t d = v->buildDepth - 1;
      mvr_build_frame *f = &v->build[d];
      Value *pTarget = &v->temp[6]._value;
      *pTarget = v->buildValues[d]._value;
      if (f->isArray) {
        Value *pIndex = &v->temp[7]._value;
        *pIndex = VirtualInt14_encode(vm, (int16_t)f->index);
        err = setProperty(vm, pTarget, pIndex, pValue);
      } else {
        err = setProperty(vm, pTarget, &v->buildKeys[d]._value, pValue);
        f->expectKey = true;
      }
      *pTarget = VM_VALUE_UNDEFINED;
      if (err) break;
      f->index++;
      if (--f->remaining) break;
      f->expectKey = false;
      *pValue = v->buildValues[d]._value;
      v->buildValues[d]._value = VM_VALUE_UNDEFINED;
      v->buildKeys[d]._value = VM_VALUE_UNDEFINED;
      v->buildDepth--;
    }
  }
  *pValue = VM_VALUE_UNDEFINED;
  if (err) build_reset(v);
  LEAVE();
  return err ? -err : done;
}

/* ---- Properties ----------------------------------------------------------- */

/* Whether slot `i` holds a string key that cannot name any property: one
   that is neither "length", "__proto__", in the bytecode's string table nor
   interned in RAM. Every property name is interned, so a lookup by such a
   key finds nothing; asking the engine would intern the string in the
   guest heap (for good), a change that the next snapshot captures. Reading
   a property from the host must not change what the guest's state looks
   like, or snapshots would depend on how a host inspected the values. */
static bool key_names_nothing(mvr_vm *v, uint32_t i) {
  mvm_VM *vm = v->vm;
  if (slot_tag(v, i) != MVR_T_STRING) return false;
  int32_t size = slot_aux(v, i), at = slot_i32(v, i);
  if (size < 0 || at < MVR_DATA_OFFSET || at + size > MVR_SCRATCH_SIZE) return false;
  const uint8_t *s = v->scratch + at;
  /* Sizes below include the NUL terminator, as allocation sizes do. */
  uint16_t want = (uint16_t)(size + 1);
  if (size > MVR_MAX_STRING) return false;
  if ((want == sizeof LENGTH_STR && memcmp(s, LENGTH_STR, (size_t)size) == 0) ||
      (want == sizeof PROTO_STR && memcmp(s, PROTO_STR, (size_t)size) == 0)) {
    return false;
  }
  LongPtr lpBytecode = vm->lpBytecode;
  uint16_t tableOffset = getSectionOffset(lpBytecode, BCS_STRING_TABLE);
  uint16_t tableEnd = getSectionOffset(lpBytecode, vm_sectionAfter(vm, BCS_STRING_TABLE));
  for (uint16_t off = tableOffset; off < tableEnd; off += 2) {
    LongPtr lp = DynamicPtr_decode_long(vm, LongPtr_read2_aligned(LongPtr_add(lpBytecode, off)));
    uint16_t header = readAllocationHeaderWord_long(lp);
    if (vm_getAllocationSizeExcludingHeaderFromHeaderWord(header) == want &&
        memcmp_long(lp, LongPtr_new((void *)s), (size_t)size) == 0) {
      return false;
    }
  }
  uint16_t steps = 0; /* a corrupt heap can make the list cyclic (engine patch 0011) */
  for (Value cell = getBuiltin(vm, BIN_INTERNED_STRINGS); cell != VM_VALUE_UNDEFINED;) {
    VM_LIST_STEP(vm, steps);
    TsInternedStringCell *pCell = ShortPtr_decode(vm, cell);
    const char *str = ShortPtr_decode(vm, pCell->str);
    if (vm_getAllocationSize((void *)str) == want && memcmp(str, s, (size_t)size) == 0) return false;
    cell = pCell->spNext;
  }
  return true;
}

int32_t mvr_get(mvr_vm *v, uint32_t obj) {
  Value target;
  if (!handle_get(v, obj, &target)) return MVR_E_INVALID_HANDLE;
  ENTER(v);
  Value *pObj = &v->temp[0]._value, *pKey = &v->temp[1]._value, *pOut = &v->temp[2]._value;
  *pObj = target;
  int32_t err = 0;
  if (key_names_nothing(v, 1)) {
    *pOut = VM_VALUE_UNDEFINED;
  } else {
    err = read_value(v, 1, pKey);
    if (!err) err = getProperty(v->vm, pObj, pKey, pOut);
  }
  v->dataUsed = 0;
  if (!err) err = write_value(v, 0, *pOut);
  *pObj = *pKey = *pOut = VM_VALUE_UNDEFINED;
  LEAVE();
  return err;
}

int32_t mvr_set(mvr_vm *v, uint32_t obj) {
  Value target;
  if (!handle_get(v, obj, &target)) return MVR_E_INVALID_HANDLE;
  ENTER(v);
  Value *pObj = &v->temp[0]._value, *pKey = &v->temp[1]._value, *pValue = &v->temp[2]._value;
  *pObj = target;
  int32_t err = read_value(v, 1, pKey);
  if (!err) err = read_value(v, 2, pValue);
  if (!err) err = setProperty(v->vm, pObj, pKey, pValue);
  *pObj = *pKey = *pValue = VM_VALUE_UNDEFINED;
  LEAVE();
  return err;
}

/* The property list of a plain object, or of a class's static members. */
static bool property_list(mvm_VM *vm, Value value, Value *out) {
  TeTypeCode tc = deepTypeOf(vm, value);
  if (tc == TC_REF_CLASS) {
    value = READ_FIELD_2(DynamicPtr_decode_long(vm, value), TsClass, staticProps);
    tc = deepTypeOf(vm, value);
  }
  if (tc != TC_REF_PROPERTY_LIST) return false;
  *out = value;
  return true;
}

static inline bool is_internal_key(Value key) { return (key & 0x8003) == 0x8003; }

int32_t mvr_delete(mvr_vm *v, uint32_t obj) {
  Value target;
  if (!handle_get(v, obj, &target)) return MVR_E_INVALID_HANDLE;
  int32_t err = 0;
  ENTER(v);
  mvm_VM *vm = v->vm;
  Value *pKey = &v->temp[1]._value;
  Value list;
  bool nothing = key_names_nothing(v, 1); /* no such property anywhere */
  if (!nothing) err = read_value(v, 1, pKey);
  if (!err && !nothing) err = toPropertyName(vm, pKey);
  if (!err && !property_list(vm, target, &list)) err = MVM_E_TYPE_ERROR;
  if (!err && !nothing) {
    /* Find the property and the last property of the object. */
    Value *found = NULL, *last = NULL, *lastSegment = NULL;
    uint16_t steps = 0; /* a corrupt heap can make the list cyclic (engine patch 0011) */
    for (Value seg = list; seg != VM_VALUE_NULL;) {
      VM_LIST_STEP(vm, steps);
      if (!Value_isShortPtr(seg)) { err = MVM_E_ATTEMPT_TO_WRITE_TO_ROM; break; }
      Value *p = ShortPtr_decode(vm, seg);
      uint16_t n = (vm_getAllocationSize(p) - sizeof(TsPropertyList)) / 4;
      for (uint16_t k = 0; k < n; k++) {
        Value *pair = p + 2 + 2 * k;
        if (!is_internal_key(pair[0]) && pair[0] == *pKey) found = pair;
        last = pair;
        lastSegment = p;
      }
      seg = p[0];
    }
    if (!err && found) {
      /* Move the last property into the hole, then shrink the last segment by
         one pair and turn the freed 4 bytes into a 2-byte dead allocation so
         the heap stays walkable (snapshots and restores walk it linearly). */
      found[0] = last[0];
      found[1] = last[1];
      uint16_t size = vm_getAllocationSize(lastSegment);
      setHeaderWord(vm, lastSegment, TC_REF_PROPERTY_LIST, (uint16_t)(size - 4));
      uint16_t *dead = (uint16_t *)((uint8_t *)lastSegment + size - 4);
      dead[0] = vm_makeHeaderWord(vm, TC_REF_UINT8_ARRAY, 2);
      dead[1] = 0;
    }
  }
  *pKey = VM_VALUE_UNDEFINED;
  LEAVE();
  return err;
}

int32_t mvr_keys(mvr_vm *v, uint32_t obj, uint32_t first) {
  Value target, list;
  if (!handle_get(v, obj, &target)) return -MVR_E_INVALID_HANDLE;
  mvm_VM *vm = v->vm;
  ENTER(v);
  int32_t written = 0, total = 0, err = 0;
  v->dataUsed = 0;
  bool full = false;
  if (!property_list(vm, target, &list)) {
    err = MVM_E_OBJECT_KEYS_ON_NON_OBJECT;
  } else {
    uint16_t steps = 0; /* a corrupt heap can make the list cyclic (engine patch 0011) */
    for (Value seg = list; seg != VM_VALUE_NULL;) {
      VM_LIST_STEP(vm, steps);
      LongPtr lp = DynamicPtr_decode_long(vm, seg);
      uint16_t n = (vm_getAllocationSize_long(lp) - sizeof(TsPropertyList)) / 4;
      for (uint16_t k = 0; k < n; k++) {
        Value key = LongPtr_read2_aligned(LongPtr_add(lp, (int16_t)(sizeof(TsPropertyList) + 4 * k)));
        if (is_internal_key(key)) continue;
        if ((uint32_t)total++ < first || full) continue;
        size_t size;
        const char *text = mvm_toStringUtf8(vm, key, &size);
        int32_t at = written + 1 < MVR_SLOT_COUNT ? data_put(v, text, (uint32_t)size) : -1;
        if (at < 0) {
          full = true;
          continue;
        }
        set_slot(v, (uint32_t)written + 1, MVR_T_STRING, (int32_t)size, at);
        written++;
      }
      seg = LongPtr_read2_aligned(lp); /* dpNext */
    }
  }
  set_slot(v, 0, MVR_T_INT32, total, total);
  LEAVE();
  return err ? -err : written;
}

/* ---- Bytes and strings ---------------------------------------------------- */

static int32_t bytes_of(mvr_vm *v, uint32_t h, uint8_t **data, size_t *size) {
  Value value;
  if (!handle_get(v, h, &value)) return MVR_E_INVALID_HANDLE;
  if (deepTypeOf(v->vm, value) != TC_REF_UINT8_ARRAY) return MVM_E_TYPE_ERROR;
  return mvm_uint8ArrayToBytes(v->vm, value, data, size);
}

int32_t mvr_bytes_read(mvr_vm *v, uint32_t h, uint32_t start, uint32_t len) {
  uint8_t *data;
  size_t size;
  int32_t err = bytes_of(v, h, &data, &size);
  if (err) return err;
  if (start > size || len > size - start || len > MVR_DATA_SIZE) return MVM_E_RANGE_ERROR;
  memcpy(v->scratch + MVR_DATA_OFFSET, data + start, len);
  set_slot(v, 0, MVR_T_BYTES, (int32_t)len, MVR_DATA_OFFSET);
  return 0;
}

int32_t mvr_bytes_write(mvr_vm *v, uint32_t h, uint32_t start, uint32_t len) {
  uint8_t *data;
  size_t size;
  int32_t err = bytes_of(v, h, &data, &size);
  if (err) return err;
  if (start > size || len > size - start || len > MVR_DATA_SIZE) return MVM_E_RANGE_ERROR;
  memcpy(data + start, v->scratch + MVR_DATA_OFFSET, len);
  return 0;
}

int32_t mvr_string_read(mvr_vm *v, uint32_t h) {
  Value value;
  if (!handle_get(v, h, &value)) return MVR_E_INVALID_HANDLE;
  if (!vm_isString(v->vm, value)) return MVM_E_TYPE_ERROR;
  size_t size;
  const char *text = mvm_toStringUtf8(v->vm, value, &size);
  if (size > MVR_DATA_SIZE) return MVR_E_STRING_TOO_LONG;
  memcpy(v->scratch + MVR_DATA_OFFSET, text, size);
  set_slot(v, 0, MVR_T_STRING, (int32_t)size, MVR_DATA_OFFSET);
  return 0;
}

void mvr_handle_release(mvr_vm *v, uint32_t h) { handle_release(v, h); }
uint32_t mvr_handle_count(mvr_vm *v) { return v->live; }

int32_t mvr_same(mvr_vm *v, uint32_t a, uint32_t b) {
  Value x, y;
  if (!handle_get(v, a, &x) || !handle_get(v, b, &y)) return 0;
  return mvm_equal(v->vm, x, y) ? 1 : 0;
}

/* ---- Async ------------------------------------------------------------- */

int32_t mvr_async_start(mvr_vm *v) {
  mvr_frame *f = v->frame;
  if (!f || f->asyncStarted) return -MVR_E_NO_HOST_CALL;
  mvm_VM *vm = v->vm;
  if (getBuiltin(vm, BIN_ASYNC_HOST_CALLBACK) == VM_VALUE_UNDEFINED) return -MVR_E_ASYNC_WITHOUT_AWAIT;
  /* The host may have called into the VM since the host function began,
     which does not preserve these registers; mvm_asyncStart needs the values
     they had when the host function was called. */
  vm->stack->reg.cpsCallback = f->cpsCallback;
  uint16_t saved = vm->stack->reg.argCountAndFlags;
  vm->stack->reg.argCountAndFlags = f->argCountAndFlags;
  ENTER(v);
  Value callback = mvm_asyncStart(vm, f->result);
  LEAVE();
  vm->stack->reg.argCountAndFlags = saved;
  f->asyncStarted = true;
  uint32_t id = handle_new(v, callback);
  return id ? (int32_t)id : -MVR_E_TOO_MANY_HANDLES;
}

int32_t mvr_async_settle(mvr_vm *v, uint32_t callback, uint32_t success) {
  Value cb;
  if (!handle_get(v, callback, &cb)) return MVR_E_INVALID_HANDLE;
  ENTER(v);
  Value *pValue = &v->args[1]._value;
  int32_t err = read_value(v, 1, pValue);
  if (err) {
    /* Settle anyway, so the guest does not wait forever. */
    success = 0;
    *pValue = VM_VALUE_UNDEFINED;
  }
  Value args[2];
  args[0] = success ? VM_VALUE_TRUE : VM_VALUE_FALSE;
  args[1] = *pValue;
  *pValue = VM_VALUE_UNDEFINED;
  handle_release(v, callback);
  Value result;
  int32_t e = mvm_call(v->vm, cb, &result, args, 2);
  v->dataUsed = 0;
  if (e == MVM_E_UNCAUGHT_EXCEPTION) write_value(v, 0, result);
  if (!err) err = e;
  LEAVE();
  return err;
}

int32_t mvr_promise_state(mvr_vm *v, uint32_t h) {
  Value value;
  if (!handle_get(v, h, &value)) return -1;
  mvm_VM *vm = v->vm;
  if (deepTypeOf(vm, value) != TC_REF_PROPERTY_LIST || !is_promise(vm, value)) return -1;
  Value *p = ShortPtr_decode(vm, value);
  Value status = p[VM_OIS_PROMISE_STATUS];
  if (status == VM_PROMISE_STATUS_PENDING) return 0;
  v->dataUsed = 0;
  int32_t err = write_value(v, 0, p[VM_OIS_PROMISE_OUT]);
  if (err) return -1;
  return status == VM_PROMISE_STATUS_RESOLVED ? 1 : 2;
}

/* ---- Snapshots, GC, stats, gas, debugging -------------------------------- */

static void *snapshot_spill(size_t size) { return MVR_MALLOC(size); }

uint8_t *mvr_snapshot(mvr_vm *v, uint32_t *out_size) {
  size_t size = 0;
  ENTER(v);
  /* The snapshot is the host's, not the VM's: when the page has no single
     block left for it (a heap near its limit), it may come from the host. */
  mvp_page_set_spill(v->page, snapshot_spill);
  uint8_t *p = mvm_createSnapshot(v->vm, &size);
  mvp_page_set_spill(v->page, NULL);
  LEAVE();
  *out_size = (uint32_t)size;
  return p;
}

void mvr_snapshot_free(mvr_vm *v, uint8_t *snapshot) {
  if (!snapshot) return;
  if (mvp_page_contains(v->page, snapshot)) mvp_page_free(snapshot);
  else MVR_FREE(snapshot);
}

void mvr_run_gc(mvr_vm *v, uint32_t squeeze) {
  ENTER(v);
  mvm_runGC(v->vm, squeeze != 0);
  LEAVE();
}

void mvr_memory_stats(mvr_vm *v) {
  mvm_TsMemoryStats s;
  mvm_getMemoryStats(v->vm, &s);
  size_t fields[12] = {s.totalSize, s.fragmentCount, s.coreSize, s.importTableSize,
                       s.globalVariablesSize, s.registersSize, s.stackHeight,
                       s.stackAllocatedCapacity, s.stackHighWaterMark, s.virtualHeapUsed,
                       s.virtualHeapHighWaterMark, s.virtualHeapAllocatedCapacity};
  for (uint32_t i = 0; i < 12; i++) set_slot(v, i + 1, MVR_T_INT32, 0, (int32_t)fields[i]);
  mvp_page_stats ps;
  mvp_page_get_stats(v->page, &ps);
  set_slot(v, 13, MVR_T_INT32, 0, (int32_t)ps.used);
  set_slot(v, 14, MVR_T_INT32, 0, (int32_t)ps.free);
  set_slot(v, 15, MVR_T_INT32, 0, (int32_t)ps.peak_used);
}

void mvr_stop_after(mvr_vm *v, int32_t n) { mvm_stopAfterNInstructions(v->vm, n); }
int32_t mvr_gas_remaining(mvr_vm *v) { return mvm_getInstructionCountRemaining(v->vm); }

void mvr_breakpoint_set(mvr_vm *v, int32_t address) {
  ENTER(v);
  mvm_dbg_setBreakpoint(v->vm, address);
  LEAVE();
}

/* mvm_dbg_removeBreakpoint takes a uint16_t, so it cannot remove the "every
   instruction" breakpoint (-1) that mvm_dbg_setBreakpoint accepts; unlink
   matching entries here instead. */
void mvr_breakpoint_remove(mvr_vm *v, int32_t address) {
  ENTER(v);
  TsBreakpoint **pp = &v->vm->pBreakpoints;
  while (*pp) {
    TsBreakpoint *b = *pp;
    if (b->bytecodeAddress == address) {
      *pp = b->next;
      vm_free(v->vm, b);
    } else {
      pp = &b->next;
    }
  }
  LEAVE();
}

/* -1 while idle: the engine keeps the stack between calls (engine patch 0015),
   empty, so "running" means a non-empty stack. */
int32_t mvr_current_address(mvr_vm *v) {
  vm_TsStack *stack = v->vm->stack;
  return stack && stack->reg.pStackPointer != getBottomOfStack(stack) ? mvm_getCurrentAddress(v->vm) : -1;
}
