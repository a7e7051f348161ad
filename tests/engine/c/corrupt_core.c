/*
 * corrupt-core: overwrites one piece of the engine's own state in the VM's
 * page, as a corrupt snapshot's heap pointers can while its guest runs, then
 * asks the engine to use it. The defect tests of engine patches 0012 to
 * 0014 (test/engine-patches.test.ts) run it on engines with and without the
 * patch: with it the engine must stop with MVM_E_HEAP_CORRUPT; without it, it
 * jumps to or reads a wild address, or never returns. Patch 0016's test uses
 * the same device to show that a host call no longer walks the handle list.
 *
 *   corrupt-core SNAPSHOT import|bucket-cycle|bucket-wild|core-in-page|handle-walk
 *
 *   import        the import table's first entry points at a wild address;
 *                 then export 0 is called (the guest calls import 1)
 *   bucket-cycle  the last heap bucket's `prev` link points at itself; then
 *                 the garbage collector runs
 *   bucket-wild   the same link points outside the page; then the collector
 *                 runs
 *   core-in-page  no corruption: prints `core in page` (status 4) if the VM
 *                 struct or its import table lies in the page, where a
 *                 corrupt heap's pointers reach it, else `ok`
 *   handle-walk   a handle whose link points at an unmapped address heads the
 *                 handle list; then export 0 is called (the guest calls
 *                 import 1): `ok` unless the host call walks the list
 *
 * Prints `fatal CODE` (status 2), `ok` (status 0) or `error CODE` (status 1).
 * The engine is compiled into this file, as the runtimes' glue does, so the
 * test can reach its internal state.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Engine patch 0012 asks the embedder which function pointers it gave the
   engine: here, only print_import. */
static int callback_ok(void (*fn)(void));
#define MVM_CALLBACK_OK(vm, fn) callback_ok((void (*)(void))(fn))
/* Engine patch 0014: the VM struct from the host's allocator, as the runtimes' glue does. */
#define MVM_CONTEXTUAL_MALLOC_CORE(size, context) malloc(size)
#define MVM_CONTEXTUAL_FREE_CORE(p, context) free(p)
#include "microvium.c"


static mvm_TeError print_import(mvm_VM *vm, mvm_HostFunctionID id, mvm_Value *result, mvm_Value *args, uint8_t argCount) {
  (void)vm, (void)id, (void)result, (void)args, (void)argCount;
  return MVM_E_SUCCESS;
}

static int callback_ok(void (*fn)(void)) { return fn == (void (*)(void))print_import; }

static mvm_TeError resolve_import(mvm_HostFunctionID id, void *context, mvm_TfHostFunction *out) {
  (void)context;
  if (id != 1) return MVM_E_UNRESOLVED_IMPORT;
  *out = print_import;
  return MVM_E_SUCCESS;
}

/* Below the first page of the address space: never mapped. */
#define WILD_ADDRESS ((uintptr_t)0x100)

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: corrupt-core SNAPSHOT import|bucket-cycle|bucket-wild|core-in-page|handle-walk\n");
    return 3;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 3;
  static uint8_t snapshot[0x10000];
  size_t size = fread(snapshot, 1, sizeof snapshot, f);
  fclose(f);

  void *page = aligned_alloc(MVP_PAGE_SIZE, MVP_PAGE_SIZE);
  if (!page) return 3;
  mvp_page_init(page);
  mvp_host_page_base = (uintptr_t)page;

  mvm_VM *volatile vm = NULL;
  if (setjmp(mvp_host_guard)) {
    printf("fatal %d\n", mvp_host_fatal_code);
    return 2;
  }
  mvm_TeError err = mvm_restore((mvm_VM **)&vm, snapshot, size, page, resolve_import);
  if (err == MVM_E_SUCCESS) {
    const char *how = argv[2];
    if (strcmp(how, "import") == 0) {
      vm_getResolvedImports(vm)[0] = (mvm_TfHostFunction)WILD_ADDRESS;
      mvm_VMExportID id = 0;
      mvm_Value func, result;
      err = mvm_resolveExports(vm, &id, &func, 1);
      if (err == MVM_E_SUCCESS) err = mvm_call(vm, func, &result, NULL, 0);
    } else if (strcmp(how, "bucket-cycle") == 0 || strcmp(how, "bucket-wild") == 0) {
      if (!vm->pLastBucket) return 3; /* the guest must leave something on the heap */
      vm->pLastBucket->prev = how[7] == 'c' ? vm->pLastBucket : (TsBucket *)WILD_ADDRESS;
      mvm_runGC(vm, false);
    } else if (strcmp(how, "handle-walk") == 0) {
      static mvm_Handle tripwire;
      tripwire._value = VM_VALUE_UNDEFINED;
      tripwire._next = (mvm_Handle *)WILD_ADDRESS;
      vm->gc_handles = &tripwire;
      mvm_VMExportID id = 0;
      mvm_Value func, result;
      err = mvm_resolveExports(vm, &id, &func, 1);
      if (err == MVM_E_SUCCESS) err = mvm_call(vm, func, &result, NULL, 0);
    } else if (strcmp(how, "core-in-page") == 0) {
      uintptr_t first = (uintptr_t)vm, end = (uintptr_t)(vm_getResolvedImports(vm) + 1);
      if (first - (uintptr_t)page < MVP_PAGE_SIZE || end - (uintptr_t)page <= MVP_PAGE_SIZE) {
        printf("core in page\n");
        return 4;
      }
    } else {
      return 3;
    }
  }
  if (err != MVM_E_SUCCESS) {
    printf("error %d\n", (int)err);
    return 1;
  }
  printf("ok\n");
  return 0;
}
