/*
 * bench_host: the plain C host used as the benchmark's reference. Restores a
 * snapshot in one 64 KiB page (the port's host target: a global page base)
 * and times export 1 called with one integer argument.
 *
 *   bench_host SNAPSHOT N WARMUP REPS
 *
 * Prints the result, then one line per timed run: nanoseconds.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "microvium.h"

uintptr_t mvp_host_page_base;
static jmp_buf fatal_jump;

void mvp_host_fatal(struct mvm_VM *vm, int error) {
  (void)vm;
  fprintf(stderr, "fatal %d\n", error);
  longjmp(fatal_jump, 1);
}

static mvm_TeError resolve_import(mvm_HostFunctionID id, void *context, mvm_TfHostFunction *out) {
  (void)id, (void)context, (void)out;
  return MVM_E_UNRESOLVED_IMPORT;
}

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc != 5) return 3;
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 3;
  static uint8_t snapshot[65536];
  size_t size = fread(snapshot, 1, sizeof snapshot, f);
  fclose(f);
  int n = atoi(argv[2]), warmup = atoi(argv[3]), reps = atoi(argv[4]);
  void *page = aligned_alloc(MVP_PAGE_SIZE, MVP_PAGE_SIZE);
  mvp_page_init(page);
  mvp_host_page_base = (uintptr_t)page;
  if (setjmp(fatal_jump)) return 2;
  mvm_VM *vm;
  if (mvm_restore(&vm, snapshot, size, page, resolve_import) != MVM_E_SUCCESS) return 1;
  mvm_VMExportID id = 1;
  mvm_Value fn, arg, result;
  if (mvm_resolveExports(vm, &id, &fn, 1) != MVM_E_SUCCESS) return 1;
  for (int i = 0; i < warmup + reps; i++) {
    arg = mvm_newInt32(vm, n);
    double t0 = now_ns();
    if (mvm_call(vm, fn, &result, &arg, 1) != MVM_E_SUCCESS) return 1;
    double t1 = now_ns();
    if (i == 0) printf("%.17g\n", mvm_toFloat64(vm, result));
    if (i >= warmup) printf("%.0f\n", t1 - t0);
  }
  mvm_free(vm);
  free(page);
  return 0;
}
