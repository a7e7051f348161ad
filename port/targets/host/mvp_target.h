/*
 * mvp_target.h for native hosts (the plain C host and the port's own tests).
 * Only what no guest can see: where the page is and how fatal errors unwind.
 */
#ifndef MVP_TARGET_H
#define MVP_TARGET_H

#include <setjmp.h>
#include <stdint.h>

/* Everything declared here is defined once, in mvp_host.c beside this file. */

/* Base of the page of the VM the engine is running: one VM runs at a time on
   a thread, and the host sets this before every call into the engine. */
extern uintptr_t mvp_host_page_base;
#define MVP_RAM_PAGE_ADDR mvp_host_page_base

/* Unwinds to mvp_host_guard (set it with setjmp around the engine calls)
   with a longjmp, after storing the error in mvp_host_fatal_code; never
   returns. */
extern jmp_buf mvp_host_guard;
extern int mvp_host_fatal_code;
struct mvm_VM;
#if defined(__GNUC__)
__attribute__((noreturn))
#endif
void mvp_host_fatal(struct mvm_VM *vm, int error);
#define MVP_FATAL_ERROR(vm, e) mvp_host_fatal((struct mvm_VM *)(vm), (int)(e))

#ifndef MVP_SAFE_MODE
#define MVP_SAFE_MODE 1
#endif
#ifndef MVP_DONT_TRUST_BYTECODE
#define MVP_DONT_TRUST_BYTECODE 1
#endif

#endif
