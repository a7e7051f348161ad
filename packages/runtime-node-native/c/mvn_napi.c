/*
 * mvn_napi.c: the Node-API binding (plain C, ABI-stable Node-API version 8).
 *
 * A thin layer over mvn_core.h: VMs are named by numeric ids (an index in a
 * per-environment table plus a generation, so a stale or forged id is
 * refused, never dereferenced); values cross through each VM's scratch
 * buffer, which JavaScript sees as an external ArrayBuffer over the same
 * memory (no copy) and which is detached when the VM goes away.
 *
 * Exports (all numbers are int32 results as in mvr.h, or the MVN_E_* codes):
 *   abiVersion(), engineVersion()
 *   setHost(call(vm, fnId, argc) => int, breakpoint(vm, address) => void)
 *   create() => vm id (> 0); its scratch buffer exists from now on
 *   restore(vm, bytes: Uint8Array) => 0 | error
 *   scratch(vm) => ArrayBuffer
 *   op(vm, opcode, a, b, c) => int
 *   call(vm, fn | argc << 20 | flags << 28) => int
 *                                           (op MVN_OP_CALL in one number:
 *                                           each argument costs a conversion)
 *   snapshot(vm) => Uint8Array | int
 *   dispose(vm) => int
 *   fatalCode(vm) => int (0 alive, > 0 the fatal engine error it died of)
 *   liveRegions(), liveVms(), pageAddress(vm)
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stdlib.h>
#include <string.h>

#include "microvium.h"
#include "mvn_core.h"
#include "mvn_region.h"
#include "mvr.h"
#include "mvp_target.h"

#define INDEX_BITS 20u
#define INDEX_MASK ((1u << INDEX_BITS) - 1)
#define MAX_VMS (INDEX_MASK) /* index 0 unused */

typedef struct entry {
  mvn_vm *vm;          /* NULL once freed (or after a fatal error) */
  napi_ref scratch;    /* external ArrayBuffer over the scratch buffer */
  uint32_t gen;        /* bumped when the slot is reused */
  int32_t fatal;       /* fatal engine error the VM died of */
  uint32_t next_free;
  uint8_t used;
} entry;

typedef struct state {
  napi_env env;
  napi_ref host_call;
  napi_ref host_breakpoint;
  entry *slots;
  uint32_t cap;
  uint32_t free_head; /* 0: none */
  uint32_t live;
} state;

/* Each environment (main thread, each worker) runs on its own thread. */
static MVN_TLS state *tls_state;

static const mvn_host host_table;

/* ---- helpers ------------------------------------------------------------- */

static napi_value num(napi_env env, double d) {
  napi_value v;
  napi_create_double(env, d, &v);
  return v;
}

static napi_value i32(napi_env env, int32_t x) {
  napi_value v;
  napi_create_int32(env, x, &v);
  return v;
}

static uint32_t make_id(uint32_t index, uint32_t gen) { return ((gen & 0x7FF) << INDEX_BITS) | index; }

/* The entry for `id` if it names a slot of this environment, else NULL. */
static entry *lookup(state *s, uint32_t id) {
  uint32_t index = id & INDEX_MASK;
  if (index == 0 || index >= s->cap) return NULL;
  entry *e = &s->slots[index];
  if (!e->used || make_id(index, e->gen) != id) return NULL;
  return e;
}

static int arg_u32(napi_env env, napi_value v, uint32_t *out) {
  return napi_get_value_uint32(env, v, out) == napi_ok;
}

static napi_value type_error(napi_env env, const char *msg) {
  napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", msg);
  return NULL;
}

static void detach_scratch(napi_env env, entry *e) {
  if (!e->scratch) return;
  napi_value ab;
  if (napi_get_reference_value(env, e->scratch, &ab) == napi_ok && ab) napi_detach_arraybuffer(env, ab);
  napi_delete_reference(env, e->scratch);
  e->scratch = NULL;
}

/* After MVN_E_FATAL: the VM is dead. Free its memory now unless its guest
   still has frames on the stack (then the outermost call does it). */
static void on_fatal(napi_env env, entry *e) {
  if (!e->vm) return;
  e->fatal = mvn_fatal_code(e->vm);
  if (mvn_depth(e->vm) == 0) {
    detach_scratch(env, e);
    mvn_dispose(e->vm);
    e->vm = NULL;
  }
}

/* ---- host callbacks (from the glue, inside a guest call) ------------------ */

static int32_t host_call(mvn_vm *vm, void *user, uint32_t fn, uint32_t argc) {
  (void)vm;
  state *s = tls_state;
  napi_env env = s->env;
  napi_value cb, self, argv[3], ret;
  if (!s->host_call || napi_get_reference_value(env, s->host_call, &cb) != napi_ok) return -MVM_E_HOST_ERROR;
  napi_get_undefined(env, &self);
  napi_create_uint32(env, (uint32_t)(uintptr_t)user, &argv[0]);
  napi_create_uint32(env, fn, &argv[1]);
  napi_create_uint32(env, argc, &argv[2]);
  if (napi_call_function(env, self, cb, 3, argv, &ret) != napi_ok) return -MVM_E_HOST_ERROR;
  int32_t r;
  if (napi_get_value_int32(env, ret, &r) != napi_ok) return -MVM_E_HOST_RETURNED_INVALID_VALUE;
  return r;
}

static void host_breakpoint(mvn_vm *vm, void *user, uint32_t address) {
  (void)vm;
  state *s = tls_state;
  napi_env env = s->env;
  napi_value cb, self, argv[2], ret;
  if (!s->host_breakpoint || napi_get_reference_value(env, s->host_breakpoint, &cb) != napi_ok) return;
  napi_get_undefined(env, &self);
  napi_create_uint32(env, (uint32_t)(uintptr_t)user, &argv[0]);
  napi_create_uint32(env, address, &argv[1]);
  napi_call_function(env, self, cb, 2, argv, &ret);
}

static const mvn_host host_table = {host_call, host_breakpoint};

/* ---- exports ------------------------------------------------------------- */

static napi_value js_abi_version(napi_env env, napi_callback_info info) {
  (void)info;
  return i32(env, (int32_t)mvr_abi_version());
}

static napi_value js_engine_version(napi_env env, napi_callback_info info) {
  (void)info;
  return i32(env, (int32_t)mvr_engine_version());
}

static napi_value js_set_host(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  napi_valuetype t0, t1;
  if (argc < 2 || napi_typeof(env, argv[0], &t0) != napi_ok || napi_typeof(env, argv[1], &t1) != napi_ok ||
      t0 != napi_function || t1 != napi_function)
    return type_error(env, "setHost(call, breakpoint) takes two functions");
  state *s = tls_state;
  if (s->host_call) napi_delete_reference(env, s->host_call);
  if (s->host_breakpoint) napi_delete_reference(env, s->host_breakpoint);
  napi_create_reference(env, argv[0], 1, &s->host_call);
  napi_create_reference(env, argv[1], 1, &s->host_breakpoint);
  return NULL;
}

/* create() => a new VM id; its scratch buffer exists from now on. */
static napi_value js_create(napi_env env, napi_callback_info info) {
  (void)info;
  state *s = tls_state;
  if (!s->free_head && s->cap >= MAX_VMS + 1) {
    napi_throw_range_error(env, "MVN_TOO_MANY_VMS", "too many live VMs in this environment");
    return NULL;
  }
  if (!s->free_head) {
    uint32_t cap = s->cap ? s->cap * 2 : 64;
    if (cap > MAX_VMS + 1) cap = MAX_VMS + 1;
    entry *slots = (entry *)realloc(s->slots, cap * sizeof *slots);
    if (!slots) {
      napi_throw_error(env, "MVN_NO_MEMORY", "out of memory");
      return NULL;
    }
    memset(slots + s->cap, 0, (cap - s->cap) * sizeof *slots);
    /* Thread the new slots onto the free list (index 0 is never used). */
    uint32_t first = s->cap ? s->cap : 1;
    for (uint32_t i = cap - 1; i >= first; i--) {
      slots[i].next_free = s->free_head;
      s->free_head = i;
    }
    s->slots = slots;
    s->cap = cap;
  }
  uint32_t index = s->free_head;
  entry *e = &s->slots[index];
  uint32_t id = make_id(index, e->gen + 1);
  mvn_vm *vm = mvn_create(&host_table, (void *)(uintptr_t)id);
  napi_value buffer;
  if (!vm) {
    napi_throw_error(env, "MVN_NO_MEMORY", "out of memory");
    return NULL;
  }
  if (napi_create_external_arraybuffer(env, mvn_scratch(vm), MVR_SCRATCH_SIZE, NULL, NULL, &buffer) != napi_ok ||
      napi_create_reference(env, buffer, 1, &e->scratch) != napi_ok) {
    mvn_dispose(vm);
    e->scratch = NULL;
    napi_throw_error(env, "MVN_NO_MEMORY", "cannot create the scratch buffer");
    return NULL;
  }
  s->free_head = e->next_free;
  e->gen++;
  e->vm = vm;
  e->used = 1;
  e->fatal = 0;
  s->live++;
  return num(env, id);
}

static entry *entry_arg(napi_env env, napi_value v);

/* restore(vm, bytes) => 0 | error (> 0) | -1 (no region) | MVN_E_FATAL */
static napi_value js_restore(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  napi_typedarray_type type;
  size_t length, offset;
  void *data;
  napi_value ab;
  bool is_typed = false;
  if (argc < 2 || napi_is_typedarray(env, argv[1], &is_typed) != napi_ok || !is_typed ||
      napi_get_typedarray_info(env, argv[1], &type, &length, &data, &ab, &offset) != napi_ok ||
      type != napi_uint8_array)
    return type_error(env, "restore(vm, snapshot) takes a Uint8Array");
  entry *e = entry_arg(env, argv[0]);
  if (!e) return NULL;
  if (!e->vm) return i32(env, MVN_E_DEAD);
  int32_t r = mvn_restore(e->vm, (const uint8_t *)data, length);
  if (r == MVN_E_FATAL) e->fatal = mvn_fatal_code(e->vm);
  return i32(env, r);
}

static entry *entry_arg(napi_env env, napi_value v) {
  uint32_t id;
  if (!arg_u32(env, v, &id)) return (type_error(env, "a VM id is a number"), NULL);
  entry *e = lookup(tls_state, id);
  if (!e) napi_throw_error(env, "MVN_INVALID_VM", "no such VM (disposed, or from another thread)");
  return e;
}

static napi_value js_scratch(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], ab;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  entry *e = argc ? entry_arg(env, argv[0]) : NULL;
  if (!e) return NULL;
  if (!e->scratch) return i32(env, e->fatal ? MVN_E_DEAD : MVN_E_DEAD);
  napi_get_reference_value(env, e->scratch, &ab);
  return ab;
}

static napi_value run_op(napi_env env, entry *e, int op, uint32_t a, uint32_t b, uint32_t c) {
  if (!e->vm) return i32(env, MVN_E_DEAD);
  int32_t r = mvn_op(e->vm, op, a, b, c);
  if (r == MVN_E_FATAL) on_fatal(env, e);
  return i32(env, r);
}

static napi_value js_op(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  uint32_t op, a = 0, b = 0, c = 0;
  if (argc < 2 || !arg_u32(env, argv[1], &op) || op >= MVN_OP_SNAPSHOT) return type_error(env, "op(vm, opcode, a, b, c)");
  entry *e = entry_arg(env, argv[0]);
  if (!e) return NULL;
  if (argc > 2 && !arg_u32(env, argv[2], &a)) napi_get_value_int32(env, argv[2], (int32_t *)&a);
  if (argc > 3) arg_u32(env, argv[3], &b);
  if (argc > 4) arg_u32(env, argv[4], &c);
  return run_op(env, e, (int)op, a, b, c);
}

/* Handle ids are below MVR_MAX_HANDLES (2^20) and argc at most MVR_MAX_ARGS
   (255), so a call's three operands fit one uint32: the hot path pays for
   one Node-API conversion instead of three. */
typedef char mvn_check_call_packing[(MVR_MAX_HANDLES <= (1u << 20) && MVR_MAX_ARGS <= 0xFF) ? 1 : -1];

static napi_value js_call(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  uint32_t packed;
  if (argc < 2 || !arg_u32(env, argv[1], &packed)) return type_error(env, "call(vm, fn | argc << 20 | flags << 28)");
  entry *e = entry_arg(env, argv[0]);
  if (!e) return NULL;
  return run_op(env, e, MVN_OP_CALL, packed & 0xFFFFFu, (packed >> 20) & 0xFFu, packed >> 28);
}

static void free_bytes(napi_env env, void *data, void *hint) {
  (void)env, (void)hint;
  free(data);
}

static napi_value js_snapshot(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  entry *e = argc ? entry_arg(env, argv[0]) : NULL;
  if (!e) return NULL;
  if (!e->vm) return i32(env, MVN_E_DEAD);
  uint8_t *bytes;
  int32_t r = mvn_snapshot(e->vm, &bytes);
  if (r == MVN_E_FATAL) on_fatal(env, e);
  if (r < 0) return i32(env, r);
  /* Copy into a V8-owned buffer: external buffers are not allowed everywhere. */
  napi_value ab, out;
  void *dst;
  napi_create_arraybuffer(env, (size_t)r, &dst, &ab);
  memcpy(dst, bytes, (size_t)r);
  free_bytes(env, bytes, NULL);
  napi_create_typedarray(env, napi_uint8_array, (size_t)r, ab, 0, &out);
  return out;
}

static void release_entry(napi_env env, state *s, uint32_t index) {
  entry *e = &s->slots[index];
  detach_scratch(env, e);
  if (e->vm) mvn_dispose(e->vm);
  e->vm = NULL;
  e->used = 0;
  e->fatal = 0;
  e->next_free = s->free_head;
  s->free_head = index;
  s->live--;
}

static napi_value js_dispose(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  uint32_t id;
  if (argc < 1 || !arg_u32(env, argv[0], &id)) return type_error(env, "dispose(vm)");
  state *s = tls_state;
  entry *e = lookup(s, id);
  if (!e) return i32(env, 0); /* already gone: disposing twice is harmless */
  if (e->vm && mvn_depth(e->vm) > 0) return i32(env, MVN_E_ACTIVE);
  release_entry(env, s, id & INDEX_MASK);
  return i32(env, 0);
}

static napi_value js_fatal_code(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  entry *e = argc ? entry_arg(env, argv[0]) : NULL;
  if (!e) return NULL;
  return i32(env, e->vm ? mvn_fatal_code(e->vm) : e->fatal);
}

static napi_value js_live_regions(napi_env env, napi_callback_info info) {
  (void)info;
  return num(env, (double)mvn_region_live());
}

static napi_value js_live_vms(napi_env env, napi_callback_info info) {
  (void)info;
  return num(env, tls_state->live);
}

static napi_value js_page_address(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  entry *e = argc ? entry_arg(env, argv[0]) : NULL;
  if (!e) return NULL;
  return num(env, e->vm ? (double)(uintptr_t)mvn_page(e->vm) : 0);
}

/* ---- environment lifetime ---------------------------------------------------- */

static void state_finalize(napi_env env, void *data, void *hint) {
  (void)hint;
  state *s = (state *)data;
  for (uint32_t i = 1; i < s->cap; i++) {
    entry *e = &s->slots[i];
    if (!e->used) continue;
    /* References are torn down with the environment; just free the VMs. */
    e->scratch = NULL;
    if (e->vm) mvn_dispose(e->vm);
    e->vm = NULL;
  }
  (void)env;
  free(s->slots);
  if (tls_state == s) tls_state = NULL;
  free(s);
}

#define FN(name, cb) {name, NULL, cb, NULL, NULL, NULL, napi_default, NULL}

NAPI_MODULE_INIT() {
  state *s = (state *)calloc(1, sizeof *s);
  if (!s) return NULL;
  s->env = env;
  tls_state = s;
  if (napi_set_instance_data(env, s, state_finalize, NULL) != napi_ok) return NULL;
  napi_property_descriptor props[] = {
      FN("abiVersion", js_abi_version),
      FN("engineVersion", js_engine_version),
      FN("setHost", js_set_host),
      FN("create", js_create),
      FN("restore", js_restore),
      FN("scratch", js_scratch),
      FN("op", js_op),
      FN("call", js_call),
      FN("snapshot", js_snapshot),
      FN("dispose", js_dispose),
      FN("fatalCode", js_fatal_code),
      FN("liveRegions", js_live_regions),
      FN("liveVms", js_live_vms),
      FN("pageAddress", js_page_address),
  };
  if (napi_define_properties(env, exports, sizeof props / sizeof props[0], props) != napi_ok) return NULL;
  return exports;
}
