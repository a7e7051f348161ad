/*
 * mvp_target.h for the Node-API addon: only what no guest can see.
 *
 * Every VM owns one 64 KiB-aligned 64 KiB region (see mvn_region.c). The
 * engine reaches the current VM's page through `mvn_page_base`, which the
 * addon sets before every call into the engine and restores afterwards (calls
 * nest: a guest may call the host, which may call another VM). It is
 * thread-local so worker threads, which share this library, each run their own
 * VMs. The initial-exec TLS model makes a read one %fs-relative load.
 *
 * A fatal engine error unwinds with longjmp to the innermost guard the addon
 * set up around the engine call (mvn_engine.h); it never returns, exits or
 * aborts.
 */
#ifndef MVP_TARGET_H
#define MVP_TARGET_H

#include <stdint.h>

#if defined(_MSC_VER)
#define MVN_TLS __declspec(thread)
#define MVN_NORETURN __declspec(noreturn)
#elif defined(MVN_NO_TLS)
#define MVN_TLS
#define MVN_NORETURN __attribute__((noreturn))
#else
#define MVN_TLS __thread __attribute__((tls_model("initial-exec")))
#define MVN_NORETURN __attribute__((noreturn))
#endif

extern MVN_TLS uintptr_t mvn_page_base;
#define MVP_RAM_PAGE_ADDR mvn_page_base

struct mvm_VM;
MVN_NORETURN void mvn_fatal(struct mvm_VM *vm, int error);
#define MVP_FATAL_ERROR(vm, e) mvn_fatal((struct mvm_VM *)(vm), (int)(e))

/* Engine self-checks stay on: snapshots are untrusted input (measured cost and
   the reasons are in this package's README). */
#ifndef MVP_SAFE_MODE
#define MVP_SAFE_MODE 1
#endif
#ifndef MVP_DONT_TRUST_BYTECODE
#define MVP_DONT_TRUST_BYTECODE 1
#endif

#endif
