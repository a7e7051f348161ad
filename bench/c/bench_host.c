/*
 * bench_host: the plain C host of the engine, the benchmark's "limit". It is
 * compiled with the Node-API addon's own target header
 * (packages/runtime-node-native/c/target/mvp_target.h: a thread-local page
 * base, the same engine checks) and the addon's compiler flags, but calls the
 * engine directly: no Node-API, no marshalling, no handles.
 *
 *   bench_host cpu SNAPSHOT N WARMUP REPS
 *       export 1 called with N on a freshly restored VM per run (restore not
 *       timed). Prints `result R`, then `ns T` per timed run.
 *   bench_host call SNAPSHOT ITER REPS      export 1 (a, b) with two ints
 *   bench_host import SNAPSHOT ITER REPS    export 2 (a, b), which calls import 1 (a + b)
 *   bench_host restore SNAPSHOT ITER REPS   mvm_restore + mvm_free
 *       Print `ns T` per run: nanoseconds per call (or restore), ITER per run.
 *   bench_host marks KIND SNAPSHOT N [KIND SNAPSHOT N ...]
 *       For callgrind (--dump-before=bench_mark): four marks (three empty
 *       segments), then each item between two marks: KIND `run` calls export 1
 *       with N once on a fresh VM; `call`, `import` and `restore` do N of those
 *       operations (as above). Prints `result R` per item (N for operations).
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "microvium.h"

__thread __attribute__((tls_model("initial-exec"))) uintptr_t mvn_page_base;
static jmp_buf fatal_jump;
static int fatal_code;

void mvn_fatal(struct mvm_VM *vm, int error) {
  (void)vm;
  fatal_code = error;
  longjmp(fatal_jump, 1);
}

/* A call callgrind dumps its counters before (--dump-before=bench_mark). */
__attribute__((noinline)) void bench_mark(void) { __asm__ volatile("" ::: "memory"); }

static mvm_TeError host_add(mvm_VM *vm, mvm_HostFunctionID id, mvm_Value *result, mvm_Value *args, uint8_t argc) {
  (void)id;
  int32_t a = argc > 0 ? mvm_toInt32(vm, args[0]) : 0;
  int32_t b = argc > 1 ? mvm_toInt32(vm, args[1]) : 0;
  *result = mvm_newInt32(vm, a + b);
  return MVM_E_SUCCESS;
}

static mvm_TeError resolve_import(mvm_HostFunctionID id, void *context, mvm_TfHostFunction *out) {
  (void)context;
  if (id != 1) return MVM_E_UNRESOLVED_IMPORT;
  *out = host_add;
  return MVM_E_SUCCESS;
}

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static uint8_t *read_file(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(3);
  }
  uint8_t *bytes = malloc(65536);
  *size = fread(bytes, 1, 65536, f);
  fclose(f);
  return bytes;
}

static void *page;

static mvm_VM *restore(const uint8_t *snapshot, size_t size) {
  mvp_page_init(page);
  mvn_page_base = (uintptr_t)page;
  mvm_VM *vm;
  mvm_TeError e = mvm_restore(&vm, (MVM_LONG_PTR_TYPE)snapshot, size, page, resolve_import);
  if (e != MVM_E_SUCCESS) {
    fprintf(stderr, "restore failed: %d\n", e);
    exit(1);
  }
  return vm;
}

static mvm_Value resolve(mvm_VM *vm, mvm_VMExportID id) {
  mvm_Value fn;
  if (mvm_resolveExports(vm, &id, &fn, 1) != MVM_E_SUCCESS) {
    fprintf(stderr, "no export %d\n", id);
    exit(1);
  }
  return fn;
}

static double call1(mvm_VM *vm, mvm_Value fn, int32_t n) {
  mvm_Value arg = mvm_newInt32(vm, n), result;
  mvm_TeError e = mvm_call(vm, fn, &result, &arg, 1);
  if (e != MVM_E_SUCCESS) {
    fprintf(stderr, "call failed: %d\n", e);
    exit(1);
  }
  return mvm_toFloat64(vm, result);
}

int main(int argc, char **argv) {
  if (argc < 4) return 3;
  const char *mode = argv[1];
  page = aligned_alloc(MVP_PAGE_SIZE, MVP_PAGE_SIZE);
  if (setjmp(fatal_jump)) {
    fprintf(stderr, "fatal engine error %d\n", fatal_code);
    return 2;
  }
  if (!strcmp(mode, "marks")) {
    /* Load everything first, and run each item once (as the Node peers warm up). */
    int items = (argc - 2) / 3;
    for (int i = 0; i < 4; i++) bench_mark(); /* three empty segments: the cost of a mark */
    for (int k = 0; k < items; k++) {
      const char *kind = argv[2 + 3 * k];
      size_t size;
      uint8_t *snapshot = read_file(argv[3 + 3 * k], &size);
      int n = atoi(argv[4 + 3 * k]);
      if (!strcmp(kind, "run")) {
        mvm_VM *vm = restore(snapshot, size);
        mvm_Value fn = resolve(vm, 1);
        bench_mark();
        double r = call1(vm, fn, n);
        bench_mark();
        printf("result %.17g\n", r);
        mvm_free(vm);
      } else if (!strcmp(kind, "restore")) {
        bench_mark();
        for (int i = 0; i < n; i++) mvm_free(restore(snapshot, size));
        bench_mark();
        printf("result %d\n", n);
      } else {
        mvm_VM *vm = restore(snapshot, size);
        mvm_Value fn = resolve(vm, !strcmp(kind, "import") ? 2 : 1);
        int32_t check = 0;
        bench_mark();
        for (int i = 0; i < n; i++) {
          mvm_Value args[2] = {mvm_newInt32(vm, i & 1023), mvm_newInt32(vm, 1)}, result;
          if (mvm_call(vm, fn, &result, args, 2) != MVM_E_SUCCESS) return 1;
          check += mvm_toInt32(vm, result);
        }
        bench_mark();
        (void)check;
        printf("result %d\n", n);
        mvm_free(vm);
      }
      free(snapshot);
    }
    return 0;
  }
  size_t size;
  uint8_t *snapshot = read_file(argv[2], &size);
  if (!strcmp(mode, "cpu")) {
    if (argc != 6) return 3;
    int n = atoi(argv[3]), warmup = atoi(argv[4]), reps = atoi(argv[5]);
    for (int i = 0; i < warmup + reps; i++) {
      mvm_VM *vm = restore(snapshot, size);
      mvm_Value fn = resolve(vm, 1);
      double t0 = now_ns();
      double r = call1(vm, fn, n);
      double t1 = now_ns();
      if (i == 0) printf("result %.17g\n", r);
      if (i >= warmup) printf("ns %.0f\n", t1 - t0);
      mvm_free(vm);
    }
    return 0;
  }
  if (argc != 5) return 3;
  int iter = atoi(argv[3]), reps = atoi(argv[4]);
  if (!strcmp(mode, "restore")) {
    for (int r = 0; r < reps + 1; r++) {
      double t0 = now_ns();
      for (int i = 0; i < iter; i++) mvm_free(restore(snapshot, size));
      double t1 = now_ns();
      if (r > 0) printf("ns %.1f\n", (t1 - t0) / iter);
    }
    return 0;
  }
  mvm_VM *vm = restore(snapshot, size);
  mvm_Value fn = resolve(vm, !strcmp(mode, "import") ? 2 : 1);
  int32_t check = 0;
  for (int r = 0; r < reps + 1; r++) {
    double t0 = now_ns();
    for (int i = 0; i < iter; i++) {
      mvm_Value args[2] = {mvm_newInt32(vm, i & 1023), mvm_newInt32(vm, 1)}, result;
      if (mvm_call(vm, fn, &result, args, 2) != MVM_E_SUCCESS) return 1;
      check += mvm_toInt32(vm, result);
    }
    double t1 = now_ns();
    if (r > 0) printf("ns %.1f\n", (t1 - t0) / iter);
  }
  printf("check %d\n", check);
  mvm_free(vm);
  return 0;
}
