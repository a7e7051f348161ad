/*
 * mvp_target.h for the firmware agent (every board and the native agent).
 * Only what no guest can see: where the page is and how a fatal error unwinds.
 */
#ifndef MVP_TARGET_H
#define MVP_TARGET_H

#include <stdint.h>

/* The one VM page: MVP_PAGE_SIZE bytes, aligned to MVP_PAGE_SIZE, in the
   `.vmpage` section that every board's linker script places. */
extern uint8_t mva_page[];
#define MVP_RAM_PAGE_ADDR ((uintptr_t)mva_page)

/* Reports the error and unwinds to the agent's main loop (longjmp); the VM is
   discarded. Never returns. */
struct mvm_VM;
#if defined(__GNUC__)
__attribute__((noreturn))
#endif
void mva_fatal(struct mvm_VM *vm, int error);
#define MVP_FATAL_ERROR(vm, e) mva_fatal((struct mvm_VM *)(vm), (int)(e))

/* Same engine self-checks as the native host, so every target stops on the
   same assertion. */
#ifndef MVP_SAFE_MODE
#define MVP_SAFE_MODE 1
#endif
#ifndef MVP_DONT_TRUST_BYTECODE
#define MVP_DONT_TRUST_BYTECODE 1
#endif

#endif
