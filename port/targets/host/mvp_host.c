/*
 * What port/targets/host/mvp_target.h declares, defined once for every plain
 * C host of the engine (mvp-run, the shared suite's host, the engine tests'
 * corrupt-core): the page base and the guard a fatal error unwinds to.
 */
#include <setjmp.h>
#include <stdint.h>

#include "mvp_target.h"

uintptr_t mvp_host_page_base;
jmp_buf mvp_host_guard;
int mvp_host_fatal_code;

void mvp_host_fatal(struct mvm_VM *vm, int error) {
  (void)vm;
  mvp_host_fatal_code = error;
  longjmp(mvp_host_guard, 1);
}
