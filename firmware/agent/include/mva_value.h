/*
 * mva_value.h: guest values <-> the canonical encoding (tests/shared/FORMAT.md).
 *
 * mva_value.c is the one translation unit that compiles the engine: it
 * includes the pinned package's microvium.c with MVM_EXPOSE_INTERNALS so it
 * can walk arrays and objects and build them from call arguments.
 */
#ifndef MVA_VALUE_H
#define MVA_VALUE_H

#include <stddef.h>
#include <stdint.h>
#include "microvium.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Where encoded text goes. */
typedef struct mva_sink {
  void (*write)(struct mva_sink *sink, const char *text, size_t size);
} mva_sink;

/* Nesting deeper than this encodes as "..." (FORMAT.md). */
#define MVA_MAX_DEPTH 8

/* Writes the canonical encoding of `value`. Never allocates in the VM. */
void mva_encode(mvm_VM *vm, mvm_Value value, mva_sink *sink);

/* Writes `size` bytes of UTF-8 as a JSON string (with the quotes). */
void mva_encode_string(const uint8_t *text, size_t size, mva_sink *sink);

/* Parses a canonical-encoded array `[a,b,...]` of plain data (undefined,
   null, booleans, numbers, strings, arrays, plain objects, Uint8Array(...))
   into up to `max` guest values held in `handles` (initialised here; the
   caller releases the first *count of them with mva_release_args). Returns
   0, or -1 if the text is malformed or has too many values. */
int mva_parse_args(mvm_VM *vm, const char *text, size_t size, mvm_Handle *handles, uint8_t max,
                   uint8_t *count);
void mva_release_args(mvm_VM *vm, mvm_Handle *handles, uint8_t count);

/* The `echo` import: copies `value` out of the guest (through its canonical
   encoding) and back in. Values that have no plain-data form (functions,
   class instances, ...) come back unchanged. */
mvm_Value mva_echo(mvm_VM *vm, mvm_Value value);

/* The guest heap in use (bytes), after a garbage collection. */
uint32_t mva_heap_used(mvm_VM *vm);

/* "MVM_E_TYPE_ERROR" for 12, "MVM_E_<n>" for codes the table lacks
   (`buf` holds at least 64 bytes). */
const char *mva_error_name(int code, char *buf);

#ifdef __cplusplus
}
#endif

#endif
