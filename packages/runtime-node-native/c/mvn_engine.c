/*
 * mvn_engine.c: the thread's page base, fatal-error unwinding and the fault
 * handler (mvn_engine.h).
 *
 * Faults: a corrupt snapshot can steer the engine to read just outside its
 * page (a header word at offset -2) or past the snapshot window, or to write
 * to the read-only snapshot. The guard pages and read-only window make those
 * accesses fault instead of touching other memory; and an engine defect a
 * corrupt snapshot can reach dereferences a null pointer. This handler then
 * unwinds the engine exactly like MVM_FATAL_ERROR, so the VM dies with
 * MVN_FAULT_CODE and the process lives on. It acts only when this thread is
 * inside a guarded engine call, not in a host function (JavaScript), and
 * either the faulting address lies in the running VM's own reservation or the
 * faulting instruction is in this library's code (the engine, the glue).
 * Every other fault goes to the previous handler (V8's WebAssembly trap
 * handler, a sanitizer's, or the default action).
 */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE /* dl_iterate_phdr, REG_RIP */
#endif
#include "mvn_engine.h"

#include <stdio.h>
#include <stdlib.h>

#include "mvn_region.h"

MVN_TLS uintptr_t mvn_page_base;
MVN_TLS mvn_guard *mvn_current_guard;

void mvn_fatal(struct mvm_VM *vm, int error) {
  (void)vm;
  mvn_guard *g = mvn_current_guard;
  if (!g) {
    /* An engine call outside any guard is a bug in the addon itself. */
    fprintf(stderr, "mvn: fatal engine error %d outside a guarded call\n", error);
    abort();
  }
  g->fatal_code = error ? error : -1;
  MVN_LEAVE(g);
  mvn_longjmp(g->jump, 1);
}

#if defined(_WIN32)

int mvn_install_fault_handler(void) {
  /* Not yet on Windows: a guard-page hit there ends the process (it still
     never corrupts memory). A vectored exception handler would do it. */
  return 0;
}

#else

#if defined(__linux__)
#include <link.h>
#include <ucontext.h>
#endif
#include <signal.h>
#include <string.h>

static struct sigaction previous_segv, previous_bus;

/* This library's executable code, [code_start, code_end) (0, 0: unknown). */
static uintptr_t code_start, code_end;

#if defined(__linux__)
static int find_code(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  uintptr_t self = (uintptr_t)data;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X)) continue;
    uintptr_t start = info->dlpi_addr + ph->p_vaddr, end = start + ph->p_memsz;
    if (self >= start && self < end) {
      code_start = start;
      code_end = end;
      return 1;
    }
  }
  return 0;
}
#endif

static uintptr_t fault_pc(void *context) {
#if defined(__linux__) && defined(__x86_64__)
  return (uintptr_t)((ucontext_t *)context)->uc_mcontext.gregs[REG_RIP];
#elif defined(__linux__) && defined(__aarch64__)
  return (uintptr_t)((ucontext_t *)context)->uc_mcontext.pc;
#else
  (void)context;
  return 0;
#endif
}

static void pass_on(int sig, siginfo_t *info, void *context) {
  struct sigaction *p = sig == SIGBUS ? &previous_bus : &previous_segv;
  if (p->sa_flags & SA_SIGINFO) {
    if (p->sa_sigaction) {
      p->sa_sigaction(sig, info, context);
      return;
    }
  } else if (p->sa_handler != SIG_DFL && p->sa_handler != SIG_IGN) {
    p->sa_handler(sig);
    return;
  }
  /* Default action: reinstate it; returning re-runs the faulting access. */
  sigaction(sig, p, NULL);
}

static void on_fault(int sig, siginfo_t *info, void *context) {
  mvn_guard *g = mvn_current_guard;
  uintptr_t base = mvn_page_base;
  uintptr_t pc = fault_pc(context);
  if (g && !g->in_host &&
      (mvn_region_contains(base, (uintptr_t)info->si_addr) || (pc >= code_start && pc < code_end))) {
    g->fatal_code = MVN_FAULT_CODE;
    MVN_LEAVE(g);
    /* SA_NODEFER: the signal is not blocked, so a plain longjmp is fine. */
    mvn_longjmp(g->jump, 1);
  }
  pass_on(sig, info, context);
}

int mvn_install_fault_handler(void) {
  static int installed; /* 0 no, 1 yes, -1 failed */
  if (__atomic_load_n(&installed, __ATOMIC_ACQUIRE)) return installed > 0 ? 0 : -1;
  static int lock;
  while (__atomic_exchange_n(&lock, 1, __ATOMIC_ACQUIRE)) {
  }
  if (!installed) {
#if defined(__linux__)
    dl_iterate_phdr(find_code, (void *)(uintptr_t)&mvn_fatal);
#endif
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    int ok = sigaction(SIGSEGV, &sa, &previous_segv) == 0 && sigaction(SIGBUS, &sa, &previous_bus) == 0;
    __atomic_store_n(&installed, ok ? 1 : -1, __ATOMIC_RELEASE);
  }
  __atomic_store_n(&lock, 0, __ATOMIC_RELEASE);
  return installed > 0 ? 0 : -1;
}

#endif
