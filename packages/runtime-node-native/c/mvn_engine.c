/* mvn_engine.c: the thread's page base and fatal-error unwinding (mvn_engine.h). */
#include "mvn_engine.h"

#include <stdio.h>
#include <stdlib.h>

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
