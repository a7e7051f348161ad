/* WebAssembly entry point of the cross-target digest: the host imports
   env.xt_write(pointer, length) and calls the exported run(). */
#include <stddef.h>

int xt_digest(void);

__attribute__((import_module("env"), import_name("xt_write"))) void xt_host_write(const char *s, size_t n);

void xt_write(const char *s, size_t n) { xt_host_write(s, n); }

__attribute__((export_name("run"))) int run(void) { return xt_digest(); }
