/*
 * mvp-run: the plain C host of the engine, built with the shared port layer.
 *
 *   mvp-run SNAPSHOT [EXPORT_ID | snapshot | stats ...]
 *
 * Restores SNAPSHOT in a 64 KiB page, calls each export (default: 0) with no
 * arguments and prints what the guest prints through import 1 (`print`, its
 * arguments joined by spaces), then `=> VALUE` for each return value. The
 * word `snapshot` instead of an ID collects garbage, captures a snapshot and
 * prints `snapshot SIZE HEX`, the captured bytes in hex; `stats` prints
 * `stats stack BYTES height BYTES heap BYTES` from the engine's memory stats.
 * Exit status: 0 ok, 1 guest error (prints `error CODE`), 2 fatal engine error
 * (prints `fatal CODE`), 3 usage or I/O.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "microvium.h"

static void print_value(mvm_VM *vm, mvm_Value value) {
  size_t size;
  const char *text = mvm_toStringUtf8(vm, value, &size);
  fwrite(text, 1, size, stdout);
}

static mvm_TeError print_import(mvm_VM *vm, mvm_HostFunctionID id, mvm_Value *result,
                                mvm_Value *args, uint8_t argCount) {
  (void)id;
  (void)result;
  for (uint8_t i = 0; i < argCount; i++) {
    if (i) fputc(' ', stdout);
    print_value(vm, args[i]);
  }
  fputc('\n', stdout);
  return MVM_E_SUCCESS;
}

static mvm_TeError resolve_import(mvm_HostFunctionID id, void *context, mvm_TfHostFunction *out) {
  (void)context;
  if (id != 1) return MVM_E_UNRESOLVED_IMPORT;
  *out = print_import;
  return MVM_E_SUCCESS;
}

static uint8_t *read_file(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *data = malloc(n > 0 ? (size_t)n : 1);
  if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
    free(data);
    data = NULL;
  }
  fclose(f);
  *size = (size_t)n;
  return data;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: mvp-run SNAPSHOT [EXPORT_ID | snapshot | stats]...\n");
    return 3;
  }
  size_t size;
  uint8_t *snapshot = read_file(argv[1], &size);
  if (!snapshot) {
    fprintf(stderr, "mvp-run: cannot read %s\n", argv[1]);
    return 3;
  }
  void *page = aligned_alloc(MVP_PAGE_SIZE, MVP_PAGE_SIZE);
  if (!page) return 3;
  mvp_page_init(page);
  mvp_host_page_base = (uintptr_t)page;

  mvm_VM *volatile vm = NULL;
  int status = 0;
  if (setjmp(mvp_host_guard)) {
    printf("fatal %d\n", mvp_host_fatal_code);
    fflush(stdout);
    return 2;
  }
  mvm_TeError err = mvm_restore((mvm_VM **)&vm, snapshot, size, page, resolve_import);
  if (err != MVM_E_SUCCESS) {
    printf("error %d\n", (int)err);
    return 1;
  }
  int first = 2, count = argc - 2;
  static char *default_export[] = {"0"};
  char **ids = argv + first;
  if (count == 0) {
    ids = default_export;
    count = 1;
  }
  for (int i = 0; i < count && status == 0; i++) {
    if (strcmp(ids[i], "snapshot") == 0) {
      size_t snap_size;
      mvm_runGC(vm, false);
      uint8_t *snap = mvm_createSnapshot(vm, &snap_size);
      if (!snap) return 3;
      printf("snapshot %zu ", snap_size);
      for (size_t k = 0; k < snap_size; k++) printf("%02x", snap[k]);
      fputc('\n', stdout);
      mvp_page_free(snap); /* the engine allocates it in the VM's page */
      continue;
    }
    if (strcmp(ids[i], "stats") == 0) {
      mvm_TsMemoryStats stats;
      mvm_getMemoryStats(vm, &stats);
      printf("stats stack %zu height %zu heap %zu\n", stats.stackAllocatedCapacity, stats.stackHeight, stats.virtualHeapUsed);
      continue;
    }
    mvm_VMExportID id = (mvm_VMExportID)atoi(ids[i]);
    mvm_Value func, result;
    err = mvm_resolveExports(vm, &id, &func, 1);
    if (err == MVM_E_SUCCESS) err = mvm_call(vm, func, &result, NULL, 0);
    if (err != MVM_E_SUCCESS) {
      printf("error %d\n", (int)err);
      status = 1;
    } else {
      fputs("=> ", stdout);
      print_value(vm, result);
      fputc('\n', stdout);
    }
  }
  mvm_free(vm);
  if (mvp_page_check(page) != 0) {
    fprintf(stderr, "mvp-run: page bookkeeping inconsistent after free\n");
    status = 3;
  }
  free(page);
  free(snapshot);
  return status;
}
