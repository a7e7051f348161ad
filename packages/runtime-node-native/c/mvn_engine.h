/*
 * mvn_engine.h: entering the engine safely from the addon.
 *
 * Every call into the engine goes through MVN_ENTER / MVN_LEAVE, which
 *   - switch the thread's page base to the VM's region (and back afterwards:
 *     calls nest when a guest calls the host and the host calls a VM), and
 *   - set up a longjmp target for MVM_FATAL_ERROR, so a fatal engine error
 *     unwinds to the innermost entry on this thread instead of aborting.
 *
 * Between an entry and the engine there are only engine and glue frames,
 * never JavaScript: a host function that calls into JavaScript re-enters
 * through a new guard, so a longjmp never skips a JavaScript frame.
 */
#ifndef MVN_ENGINE_H
#define MVN_ENGINE_H

#include <setjmp.h>
#include <stdint.h>

#include "mvp_target.h"

#if defined(_WIN32)
#define mvn_setjmp(b) setjmp(b)
#define mvn_longjmp(b, v) longjmp(b, v)
#else
/* _setjmp does not save the signal mask: no system call per entry. */
#define mvn_setjmp(b) _setjmp(b)
#define mvn_longjmp(b, v) _longjmp(b, v)
#endif

typedef struct mvn_guard {
  jmp_buf jump;
  struct mvn_guard *prev;
  uintptr_t prev_base;
  int fatal_code;
  int in_host; /* > 0 while the guest's host function (JavaScript) runs */
} mvn_guard;

extern MVN_TLS mvn_guard *mvn_current_guard;

/* Usage (the guard lives in the function that calls setjmp; locals changed
 * after the setjmp and read after a fatal error must be volatile):
 *
 *   mvn_guard g;
 *   MVN_ENTER(&g, page);
 *   if (mvn_setjmp(g.jump)) { ...fatal: g.fatal_code; already left... }
 *   ...engine calls...;
 *   MVN_LEAVE(&g);
 */
#define MVN_ENTER(g, page)                  \
  do {                                      \
    (g)->prev = mvn_current_guard;          \
    (g)->prev_base = mvn_page_base;         \
    (g)->fatal_code = 0;                    \
    (g)->in_host = 0;                       \
    mvn_current_guard = (g);                \
    mvn_page_base = (uintptr_t)(page);      \
  } while (0)

#define MVN_LEAVE(g)                        \
  do {                                      \
    mvn_current_guard = (g)->prev;          \
    mvn_page_base = (g)->prev_base;         \
  } while (0)

/* The fatal code given to a VM whose engine touched memory outside its page
   and snapshot (a guard page, or a write to the read-only snapshot). */
#define MVN_FAULT_CODE 4 /* MVM_E_INVALID_ADDRESS */

/* Installs (once per process) the SIGSEGV/SIGBUS handler that turns a fault
   inside the running VM's own region into a fatal error of that VM (see
   mvn_engine.c). Faults anywhere else go to the handler that was there
   before. Returns 0, or -1 if it could not be installed. */
int mvn_install_fault_handler(void);

/* Called by the engine for MVM_FATAL_ERROR. Unwinds to the innermost guard
   (restoring the thread's previous page base and guard first). */
MVN_NORETURN void mvn_fatal(struct mvm_VM *vm, int error);

#endif
