/*
 * mvn_core.c: see mvn_core.h.
 *
 * The shared glue is compiled into this translation unit (mvr.c includes the
 * engine), as mvr.h asks: one translation unit, and the compiler inlines
 * across glue and engine. Being in the same unit also lets this file reset
 * the glue's active-VM pointer after a fatal error unwound past its LEAVE,
 * and free a dead VM's host memory without entering its engine again (see
 * CONTRACT-REQUESTS.md: both would better be glue functions).
 */
#include <stdlib.h>

#include "mvn_engine.h"
#include "mvn_region.h"

struct mvr_vm;
/* The snapshot lives in the VM's region, not in host memory: mvr must not
   free it. Set around the mvr calls that would. */
static MVN_TLS void *mvn_keep;
/* The mvr VM most recently entered on this thread (to free it when a fatal
   error hits inside mvr_restore, before it returned the pointer). */
static MVN_TLS struct mvr_vm *mvn_entered;

/* The glue's VM struct, allocated before mvr_restore (so the scratch buffer
   inside it exists from mvn_create on) and handed to mvr_restore's first
   allocation of that size. Owned by mvn_vm, never freed by the glue. */
static MVN_TLS void *mvn_prealloc;
static MVN_TLS void *mvn_keep_block;

static void *mvn_host_malloc(size_t size);
static void mvn_host_free(void *p) {
  if (p != mvn_keep && p != mvn_keep_block) free(p);
}

#define MVR_MALLOC(size) mvn_host_malloc(size)
#define MVR_FREE(p) mvn_host_free(p)
#define MVR_THREAD_LOCAL MVN_TLS
/* The page base is set and restored by the guard around every entry
   (mvn_op); the glue's own entries only confirm it. */
#define MVR_TARGET_ENTER(v) (mvn_page_base = (uintptr_t)(v)->page, mvn_entered = (v))
#define MVR_TARGET_LEAVE(prev) ((void)0)

#include "mvr.c"

#include "mvn_core.h"

static void *mvn_host_malloc(size_t size) {
  if (mvn_prealloc && size == sizeof(mvr_vm)) {
    void *p = mvn_prealloc;
    mvn_prealloc = NULL;
    return p;
  }
  return malloc(size);
}

struct mvn_vm {
  mvr_vm *block;   /* preallocated glue VM (scratch lives here) */
  mvr_vm *mvr;     /* == block once restored */
  void *page;
  const mvn_host *host;
  void *user;
  int32_t fatal;
  int32_t depth;
  uint8_t *snapshot_copy; /* result of MVN_OP_SNAPSHOT, for mvn_snapshot */
};

/* mvr_snapshot, copied out of the VM (the engine's buffer may be in its page). */
static int32_t snapshot_copy(mvn_vm *v) {
  uint32_t size = 0;
  int32_t r;
  uint8_t *bytes = mvr_snapshot(v->mvr, &size);
  if (!bytes) return -MVM_E_SNAPSHOT_TOO_LARGE;
  v->snapshot_copy = (uint8_t *)malloc(size ? size : 1);
  if (v->snapshot_copy) memcpy(v->snapshot_copy, bytes, size);
  r = v->snapshot_copy ? (int32_t)size : -MVM_E_MALLOC_FAIL;
  mvr_snapshot_free(v->mvr, bytes);
  return r;
}

/* The VM whose guest runs innermost on this thread. */
static MVN_TLS mvn_vm *mvn_running;

/* Frees the glue's host memory of a VM whose engine state is not to be
   trusted (the page itself goes with the region). */
static void abandon(mvr_vm *m) {
  mvr_core_release(m); /* the engine's VM struct (engine patch 0014) */
  for (uint32_t c = 0; c < m->chunkCount; c++) free(m->chunks[c]);
  free(m->chunks);
  free(m->freeList);
  /* m itself is the mvn_vm's block. */
}

mvn_vm *mvn_create(const mvn_host *host, void *user) {
  mvn_install_fault_handler();
  mvn_vm *v = (mvn_vm *)calloc(1, sizeof *v);
  if (!v) return NULL;
  v->block = (mvr_vm *)malloc(sizeof(mvr_vm));
  if (!v->block) {
    free(v);
    return NULL;
  }
  memset(v->block->scratch, 0, MVR_SLOTS_OFFSET + 16 * MVR_SLOT_COUNT);
  v->host = host;
  v->user = user;
  return v;
}

int32_t mvn_restore(mvn_vm *v, const uint8_t *snapshot, size_t size) {
  if (v->mvr || v->page || v->fatal) return MVM_E_INVALID_ARGUMENTS;
  if (size > 0xFFFF) return MVM_E_INVALID_BYTECODE; /* the header's size is 16 bits */
  void *page = mvn_region_reserve();
  if (!page) return -1;
  uint8_t *window = mvn_region_snapshot(page);
  memcpy(window, snapshot, size);
  if (mvn_region_seal(page) != 0) {
    mvn_region_release(page);
    return -1;
  }
  v->page = page;

  mvn_guard g;
  mvr_vm *prev_active = mvr_active;
  mvn_vm *prev_running = mvn_running;
  MVN_ENTER(&g, page);
  mvn_running = v;
  mvn_entered = NULL;
  mvn_keep = window;
  mvn_keep_block = v->block;
  mvn_prealloc = v->block;
  if (mvn_setjmp(g.jump)) {
    mvr_active = prev_active;
    mvn_running = prev_running;
    mvn_keep = mvn_keep_block = mvn_prealloc = NULL;
    if (mvn_entered) abandon(mvn_entered);
    v->fatal = g.fatal_code;
    return MVN_E_FATAL;
  }
  int32_t err = 0;
  mvr_vm *m = mvr_restore(page, window, (uint32_t)size, &err);
  mvn_keep = mvn_keep_block = mvn_prealloc = NULL;
  mvn_running = prev_running;
  MVN_LEAVE(&g);
  if (!m) return err ? err : MVM_E_UNEXPECTED;
  v->mvr = m;
  return 0;
}

int32_t mvn_op(mvn_vm *v, int op, uint32_t a, uint32_t b, uint32_t c) {
  if (v->fatal) return MVN_E_DEAD;
  if (!v->mvr) return MVR_E_INVALID_HANDLE;
  mvn_guard g;
  mvr_vm *prev_active = mvr_active;
  mvn_vm *prev_running = mvn_running;
  MVN_ENTER(&g, v->page);
  mvn_running = v;
  v->depth++;
  if (mvn_setjmp(g.jump)) {
    mvr_active = prev_active;
    mvn_running = prev_running;
    v->depth--;
    v->fatal = g.fatal_code;
    return MVN_E_FATAL;
  }
  mvr_vm *m = v->mvr;
  int32_t r = 0;
  switch (op) {
    case MVN_OP_IMPORT_IDS: r = mvr_import_ids(m); break;
    case MVN_OP_EXPORT_IDS: r = mvr_export_ids(m); break;
    case MVN_OP_EXPORT: r = mvr_export(m, a); break;
    case MVN_OP_CALL: r = mvr_call(m, a, b, c); break;
    case MVN_OP_BUILD: r = mvr_build(m, a); break;
    case MVN_OP_GET: r = mvr_get(m, a); break;
    case MVN_OP_SET: r = mvr_set(m, a); break;
    case MVN_OP_DELETE: r = mvr_delete(m, a); break;
    case MVN_OP_KEYS: r = mvr_keys(m, a, b); break;
    case MVN_OP_BYTES_READ: r = mvr_bytes_read(m, a, b, c); break;
    case MVN_OP_BYTES_WRITE: r = mvr_bytes_write(m, a, b, c); break;
    case MVN_OP_STRING_READ: r = mvr_string_read(m, a); break;
    case MVN_OP_HANDLE_RELEASE: mvr_handle_release(m, a); break;
    case MVN_OP_HANDLE_COUNT: r = (int32_t)mvr_handle_count(m); break;
    case MVN_OP_SAME: r = mvr_same(m, a, b); break;
    case MVN_OP_ASYNC_START: r = mvr_async_start(m); break;
    case MVN_OP_ASYNC_SETTLE: r = mvr_async_settle(m, a, b); break;
    case MVN_OP_PROMISE_STATE: r = mvr_promise_state(m, a); break;
    case MVN_OP_RUN_GC: mvr_run_gc(m, a); break;
    case MVN_OP_MEMORY_STATS: mvr_memory_stats(m); break;
    case MVN_OP_STOP_AFTER: mvr_stop_after(m, (int32_t)a); break;
    case MVN_OP_GAS_REMAINING: r = mvr_gas_remaining(m); break;
    case MVN_OP_BREAKPOINT_SET: mvr_breakpoint_set(m, (int32_t)a); break;
    case MVN_OP_BREAKPOINT_REMOVE: mvr_breakpoint_remove(m, (int32_t)a); break;
    case MVN_OP_CURRENT_ADDRESS: r = mvr_current_address(m); break;
    case MVN_OP_SNAPSHOT: r = snapshot_copy(v); break;
    default: r = -MVM_E_INVALID_ARGUMENTS; break;
  }
  v->depth--;
  mvn_running = prev_running;
  MVN_LEAVE(&g);
  return r;
}

int32_t mvn_snapshot(mvn_vm *v, uint8_t **out) {
  v->snapshot_copy = NULL;
  int32_t r = mvn_op(v, MVN_OP_SNAPSHOT, 0, 0, 0);
  *out = v->snapshot_copy;
  v->snapshot_copy = NULL;
  return r;
}

int32_t mvn_dispose(mvn_vm *v) {
  if (!v) return 0;
  if (v->depth > 0) return MVN_E_ACTIVE;
  if (v->mvr) {
    if (v->fatal) {
      abandon(v->mvr);
    } else {
      mvn_guard g;
      mvr_vm *prev_active = mvr_active;
      mvn_vm *prev_running = mvn_running;
      MVN_ENTER(&g, v->page);
      mvn_keep = mvn_region_snapshot(v->page);
      mvn_keep_block = v->block;
      if (mvn_setjmp(g.jump)) {
        /* mvm_free hit a fatal error: free the rest without the engine. */
        mvr_active = prev_active;
        mvn_running = prev_running;
        mvn_keep = mvn_keep_block = NULL;
        abandon(v->mvr);
      } else {
        mvr_free(v->mvr);
        mvn_keep = mvn_keep_block = NULL;
        MVN_LEAVE(&g);
      }
    }
    v->mvr = NULL;
  }
  mvn_region_release(v->page);
  free(v->block);
  free(v);
  return 0;
}

uint8_t *mvn_scratch(mvn_vm *v) { return v->block->scratch; }
void *mvn_user(mvn_vm *v) { return v->user; }
void mvn_set_user(mvn_vm *v, void *user) { v->user = user; }
int32_t mvn_fatal_code(mvn_vm *v) { return v->fatal; }
int32_t mvn_depth(mvn_vm *v) { return v->depth; }
void *mvn_page(mvn_vm *v) { return v->page; }

/* ---- What the glue calls back ---------------------------------------------- */

int32_t mvr_host_call(mvr_vm *m, uint32_t hostFunctionId, uint32_t argc) {
  mvn_vm *v = mvn_running;
  (void)m;
  mvn_guard *g = mvn_current_guard;
  g->in_host++;
  int32_t r = v->host->call(v, v->user, hostFunctionId, argc);
  g->in_host--;
  /* The host re-entered this VM and it died there: its engine frames below
     must not resume. Unwind them to this VM's outer guard. */
  if (v->fatal) mvn_fatal(NULL, v->fatal);
  return r;
}

void mvr_host_breakpoint(mvr_vm *m, uint32_t address) {
  mvn_vm *v = mvn_running;
  (void)m;
  mvn_guard *g = mvn_current_guard;
  g->in_host++;
  if (v->host->breakpoint) v->host->breakpoint(v, v->user, address);
  g->in_host--;
  if (v->fatal) mvn_fatal(NULL, v->fatal);
}
