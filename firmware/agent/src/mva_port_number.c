/* The shared port layer's mvp_number.c, compiled in place from port/src (found on
   the include path): a library build cannot name sources outside its folder. */
#include "mvp_number.c"
