/* Native (hosted) entry point of the cross-target digest. */
#include <stdio.h>

int xt_digest(void);

void xt_write(const char *s, size_t n) { fwrite(s, 1, n, stdout); }

int main(void) {
  int rc = xt_digest();
  fflush(stdout);
  return rc;
}
