/*
 * mvn-harness: the addon's engine layer (mvn_core.c: regions, guards, the
 * shared glue and the engine) without Node-API, for sanitizer and
 * instruction-count runs.
 *
 *   mvn-harness fuzz FILE...           restore each snapshot and poke at it;
 *                                      prints one line per file: status
 *   mvn-harness bench SNAPSHOT N REPS  call export 1 with N, REPS times
 *   mvn-harness canary asan|ubsan|lsan a deliberate heap overflow, signed
 *                                      overflow or leak: a test's proof that
 *                                      the sanitizers are really in the binary
 *
 * A corrupt snapshot may be refused, may fail with an engine error or may hit
 * a fatal engine error: all are fine. What must not happen is a sanitizer
 * report, a crash, or a fatal error escaping to abort().
 */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mvn_core.h"
#include "mvn_region.h"

#define SLOT(s, i) ((s) + MVR_SLOTS_OFFSET + 16 * (i))

static void set_slot(uint8_t *scratch, int i, int32_t tag, int32_t aux, int32_t payload) {
  memcpy(SLOT(scratch, i), &tag, 4);
  memcpy(SLOT(scratch, i) + 4, &aux, 4);
  memcpy(SLOT(scratch, i) + 8, &payload, 4);
}
static int32_t slot_tag(uint8_t *scratch, int i) { int32_t t; memcpy(&t, SLOT(scratch, i), 4); return t; }
static int32_t slot_i32(uint8_t *scratch, int i) { int32_t t; memcpy(&t, SLOT(scratch, i) + 8, 4); return t; }

static int host_calls;

/* Guest-to-host values that come with a new handle the host must release
   (mvr.h: MVR_T_OBJECT .. MVR_T_OTHER). */
static int holds_handle(int32_t tag) { return tag >= MVR_T_OBJECT && tag <= MVR_T_OTHER; }

/* The host answers every import with its first argument (a handle goes back
   as MVR_T_HANDLE_TEMP, which the glue releases once read), or a string; it
   releases the handles of the other arguments, as a real host does. */
static int32_t host_call(mvn_vm *vm, void *user, uint32_t fn, uint32_t argc) {
  (void)user;
  uint8_t *s = mvn_scratch(vm);
  host_calls++;
  for (uint32_t i = 2; i <= argc && i < MVR_SLOT_COUNT; i++)
    if (holds_handle(slot_tag(s, (int)i))) mvn_op(vm, MVN_OP_HANDLE_RELEASE, (uint32_t)slot_i32(s, (int)i), 0, 0);
  int32_t tag = argc > 0 ? slot_tag(s, 1) : MVR_T_UNDEFINED;
  if (argc > 0 && tag <= MVR_T_DOUBLE) {
    memcpy(SLOT(s, 0), SLOT(s, 1), 16);
  } else if (argc > 0 && holds_handle(tag)) {
    set_slot(s, 0, MVR_T_HANDLE_TEMP, 0, slot_i32(s, 1));
  } else {
    static const char text[] = "host";
    memcpy(s + MVR_DATA_OFFSET + 1024, text, 4);
    set_slot(s, 0, MVR_T_STRING, 4, MVR_DATA_OFFSET + 1024);
  }
  return fn % 7 == 3 ? MVR_HOST_THROW : MVR_HOST_RETURN;
}

static const mvn_host host = {host_call, NULL};

static uint8_t *read_file(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  /* Exactly the file's size, so a sanitizer sees any read past it. */
  uint8_t *data = malloc(n > 0 ? (size_t)n : 1);
  if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
    free(data);
    data = NULL;
  }
  fclose(f);
  *size = (size_t)n;
  return data;
}

/* Release every handle a result slot may hold. */
static void release_result(mvn_vm *vm, uint8_t *s) {
  if (holds_handle(slot_tag(s, 0)))
    mvn_op(vm, MVN_OP_HANDLE_RELEASE, (uint32_t)slot_i32(s, 0), 0, 0);
}

/* Exercise one VM: its imports, exports 0..7 called with assorted
   arguments, properties and keys of what they return, GC and a snapshot. */
static const char *poke(mvn_vm *vm) {
  uint8_t *s = mvn_scratch(vm);
  int32_t r = mvn_op(vm, MVN_OP_IMPORT_IDS, 0, 0, 0);
  if (r == MVN_E_FATAL) return "fatal";
  for (uint32_t id = 0; id < 8; id++) {
    r = mvn_op(vm, MVN_OP_EXPORT, id, 0, 0);
    if (r == MVN_E_FATAL) return "fatal";
    if (r != 0) continue;
    uint32_t fn = (uint32_t)slot_i32(s, 0);
    int32_t tag = slot_tag(s, 0);
    if (tag == MVR_T_FUNCTION || tag == MVR_T_CLASS) {
      for (int round = 0; round < 3; round++) {
        mvn_op(vm, MVN_OP_STOP_AFTER, 200000, 0, 0);
        set_slot(s, 1, MVR_T_INT32, 0, round * 7 - 1);
        memcpy(s + MVR_DATA_OFFSET, "abc", 3);
        set_slot(s, 2, MVR_T_STRING, 3, MVR_DATA_OFFSET);
        set_slot(s, 3, round == 2 ? MVR_T_NULL : MVR_T_TRUE, 0, 0);
        r = mvn_op(vm, MVN_OP_CALL, fn, 3, tag == MVR_T_CLASS ? 2 : 0);
        if (r == MVN_E_FATAL) return "fatal";
        int32_t rt = slot_tag(s, 0);
        if ((r == 0 || r == 44) && (rt == MVR_T_OBJECT || rt == MVR_T_ARRAY || rt == MVR_T_FUNCTION ||
                                    rt == MVR_T_CLASS)) {
          uint32_t h = (uint32_t)slot_i32(s, 0);
          if (mvn_op(vm, MVN_OP_KEYS, h, 0, 0) == MVN_E_FATAL) return "fatal";
          set_slot(s, 1, MVR_T_INT32, 0, 0);
          if (mvn_op(vm, MVN_OP_GET, h, 0, 0) == MVN_E_FATAL) return "fatal";
          release_result(vm, s);
          mvn_op(vm, MVN_OP_HANDLE_RELEASE, h, 0, 0);
        } else if (r == 0 || r == 44) {
          release_result(vm, s);
        }
      }
    }
    mvn_op(vm, MVN_OP_HANDLE_RELEASE, fn, 0, 0);
  }
  mvn_op(vm, MVN_OP_STOP_AFTER, (uint32_t)-1, 0, 0);
  if (mvn_op(vm, MVN_OP_RUN_GC, 1, 0, 0) == MVN_E_FATAL) return "fatal";
  uint8_t *snap;
  r = mvn_snapshot(vm, &snap);
  if (r == MVN_E_FATAL) return "fatal";
  free(snap);
  if (mvn_op(vm, MVN_OP_HANDLE_COUNT, 0, 0, 0) != 0) return "handle leak";
  return "ok";
}

static int fuzz(int argc, char **argv) {
  int bad = 0;
  for (int i = 0; i < argc; i++) {
    size_t size;
    uint8_t *bytes = read_file(argv[i], &size);
    if (!bytes) {
      printf("%s unreadable\n", argv[i]);
      bad++;
      continue;
    }
    mvn_vm *vm = mvn_create(&host, NULL);
    if (!vm) return 3;
    int32_t err = mvn_restore(vm, bytes, size);
    free(bytes);
    if (err != 0) {
      if (err == MVN_E_FATAL) printf("%s restore-fatal %d\n", argv[i], mvn_fatal_code(vm));
      else printf("%s refused %d\n", argv[i], err);
      mvn_dispose(vm);
      continue;
    }
    const char *status = poke(vm);
    if (strcmp(status, "fatal") == 0) printf("%s fatal %d\n", argv[i], mvn_fatal_code(vm));
    else printf("%s %s\n", argv[i], status);
    if (strcmp(status, "handle leak") == 0) bad++;
    mvn_dispose(vm);
  }
  if (mvn_region_live() != 0) {
    printf("regions leaked: %zu\n", mvn_region_live());
    bad++;
  }
  return bad ? 1 : 0;
}

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static int bench(const char *path, int n, int reps) {
  size_t size;
  uint8_t *bytes = read_file(path, &size);
  if (!bytes) return 3;
  mvn_vm *vm = mvn_create(&host, NULL);
  int32_t err = vm ? mvn_restore(vm, bytes, size) : -1;
  free(bytes);
  if (err != 0) return 1;
  uint8_t *s = mvn_scratch(vm);
  if (mvn_op(vm, MVN_OP_EXPORT, 1, 0, 0) != 0) return 1;
  uint32_t fn = (uint32_t)slot_i32(s, 0);
  for (int i = 0; i < reps; i++) {
    set_slot(s, 1, MVR_T_INT32, 0, n);
    double t0 = now_ns();
    int32_t r = mvn_op(vm, MVN_OP_CALL, fn, 1, 0);
    double t1 = now_ns();
    if (r != 0) return 1;
    if (i == 0) printf("%d\n", slot_tag(s, 0) == MVR_T_INT32 ? slot_i32(s, 0) : -1);
    printf("%.0f\n", t1 - t0);
  }
  mvn_dispose(vm);
  return 0;
}

/* Undefined behaviour on purpose; `n` (from argv) keeps the compiler from
   seeing it at compile time. */
static int canary(const char *what, int n) {
  if (strcmp(what, "asan") == 0) {
    char *volatile p = malloc(8);
    p[8 + n] = 1; /* one past the allocation */
    int r = p[0];
    free(p);
    return r;
  }
  if (strcmp(what, "ubsan") == 0) {
    volatile int x = INT_MAX;
    x = x + 1 + n; /* signed overflow */
    return x == 0;
  }
  if (strcmp(what, "lsan") == 0) {
    void *volatile p = malloc(64 + (size_t)n);
    p = NULL; /* the only pointer to it: leaked, reported at exit */
    return p != NULL;
  }
  return 3;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc >= 2 && strcmp(argv[1], "fuzz") == 0) return fuzz(argc - 2, argv + 2);
  if (argc == 3 && strcmp(argv[1], "canary") == 0) return canary(argv[2], argc - 3);
  if (argc == 5 && strcmp(argv[1], "bench") == 0) return bench(argv[2], atoi(argv[3]), atoi(argv[4]));
  fprintf(stderr, "usage: mvn-harness fuzz FILE... | bench SNAPSHOT N REPS | canary asan|ubsan|lsan\n");
  return 3;
}
