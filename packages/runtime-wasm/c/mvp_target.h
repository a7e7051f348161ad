/*
 * mvp_target.h for the WASM runtime (one WebAssembly instance per VM).
 * Only what no guest can see: where the page is, how a fatal error unwinds,
 * the engine's self-checks, and mvr's host-memory hooks.
 */
#ifndef MVP_TARGET_H
#define MVP_TARGET_H

#include <stdint.h>

/* The VM's 64 KiB page is linear memory 0..0xFFFF: the linker places all
   static data at 65536 and above (--global-base=65536), the allocator never
   returns offset 0, and the code is compiled with
   -fno-delete-null-pointer-checks, so 16-bit VM pointers are addresses. */
#define MVP_RAM_PAGE_ADDR 0

/* A fatal engine error calls the imported `env.fatal`, which throws a
   JavaScript exception. That unwinds the WebAssembly stack; the VM (its
   instance) is then discarded, and other VMs are unaffected. */
__attribute__((noreturn, import_module("env"), import_name("fatal")))
void mvr_wasm_fatal(int32_t error);
#define MVP_FATAL_ERROR(vm, e) mvr_wasm_fatal((int32_t)(e))

/* The embedder's callbacks (see mvr.h) are imports of the instance. */
struct mvr_vm;
__attribute__((import_module("env"), import_name("host_call")))
int32_t mvr_host_call(struct mvr_vm *v, uint32_t hostFunctionId, uint32_t argc);
__attribute__((import_module("env"), import_name("host_breakpoint")))
void mvr_host_breakpoint(struct mvr_vm *v, uint32_t address);

/* Engine self-checks (MVM_SAFE_MODE) and extra bytecode validation
   (MVM_DONT_TRUST_BYTECODE) are off. Reason: the WebAssembly sandbox already
   confines every memory access of the engine to this VM's own instance, so a
   malformed snapshot or an engine bug can at worst corrupt or stop this one
   VM, never the host or another VM; and both checks cost speed (measured:
   safe mode off runs the same guests in 0.65 of the time) and size. Native
   builds, which have no such sandbox, keep them on. */
#define MVP_SAFE_MODE 0
#define MVP_DONT_TRUST_BYTECODE 0

#endif
