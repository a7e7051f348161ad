/*
 * suite_host.c: a plain C host that runs one shared-suite scenario on the
 * engine built with the port layer, and writes its transcript (FORMAT.md).
 *
 *   suite-host SNAPSHOT STEPS OUTDIR
 *
 * STEPS is the scenario in a line form written by src/targets/c-host.ts:
 *   call ID N        followed by N argument lines:
 *                    u | z (null) | t | f | n HEX16 (double bits) | s [HEX] (UTF-8)
 *                    | a N (array, then N values) | o N (object, then N x key line, value)
 *   snapshot | gc | heap | gas N | gas off
 * Transcript lines go to stdout; the K-th captured snapshot to OUTDIR/snap-K.bin.
 * Exit status: 0 done (guest errors and fatal engine errors are transcript
 * lines), 3 usage or I/O (an infrastructure error).
 *
 * This is the suite's reference engine host: the same engine, patches and port
 * layer as every firmware image, built natively. It is not the firmware agent.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mvp.h"

/* A deliberately broken build for the suite's own tests (never a target):
   -DMVTK_PERTURB_LIBC_SNPRINTF makes the engine format numbers with the C
   library's snprintf("%.15g"), as stock Microvium does, so the runner must
   report the difference. The port header is included first and its include
   guard keeps the engine from redefining the macro. */
#ifdef MVTK_PERTURB_LIBC_SNPRINTF
#include "microvium_port.h"
#undef MVM_SNPRINTF
#define MVM_SNPRINTF snprintf
#endif

/* The engine itself, in this translation unit (as runtime-core's mvr.c does),
   for its internals: property reads and object keys. */
#include "microvium.c"

static void die(const char *msg);

/* getProperty clobbers the object slot in safe mode: read through a copy. */
static void get(VM *vm, mvm_Handle *obj, mvm_Handle *key, mvm_Handle *out) {
  Value object = mvm_handleGet(obj);
  Value k = mvm_handleGet(key);
  Value result = mvm_undefined;
  if (getProperty(vm, &object, &k, &result) != MVM_E_SUCCESS) result = mvm_undefined;
  mvm_handleSet(out, result);
}

static const char *const error_names[] = {
  "MVM_E_SUCCESS", "MVM_E_UNEXPECTED", "MVM_E_MALLOC_FAIL", "MVM_E_ALLOCATION_TOO_LARGE",
  "MVM_E_INVALID_ADDRESS", "MVM_E_COPY_ACROSS_BUCKET_BOUNDARY", "MVM_E_FUNCTION_NOT_FOUND",
  "MVM_E_INVALID_HANDLE", "MVM_E_STACK_OVERFLOW", "MVM_E_UNRESOLVED_IMPORT", "MVM_E_ATTEMPT_TO_WRITE_TO_ROM",
  "MVM_E_INVALID_ARGUMENTS", "MVM_E_TYPE_ERROR", "MVM_E_TARGET_NOT_CALLABLE", "MVM_E_HOST_ERROR",
  "MVM_E_NOT_IMPLEMENTED", "MVM_E_HOST_RETURNED_INVALID_VALUE", "MVM_E_ASSERTION_FAILED",
  "MVM_E_INVALID_BYTECODE", "MVM_E_UNRESOLVED_EXPORT", "MVM_E_RANGE_ERROR", "MVM_E_DETACHED_EPHEMERAL",
  "MVM_E_TARGET_IS_NOT_A_VM_FUNCTION", "MVM_E_FLOAT64", "MVM_E_NAN", "MVM_E_NEG_ZERO",
  "MVM_E_OPERATION_REQUIRES_FLOAT_SUPPORT", "MVM_E_BYTECODE_CRC_FAIL", "MVM_E_BYTECODE_REQUIRES_FLOAT_SUPPORT",
  "MVM_E_PROTO_IS_READONLY", "MVM_E_SNAPSHOT_TOO_LARGE", "MVM_E_MALLOC_MUST_RETURN_POINTER_TO_EVEN_BOUNDARY",
  "MVM_E_ARRAY_TOO_LONG", "MVM_E_OUT_OF_MEMORY", "MVM_E_TOO_MANY_ARGUMENTS", "MVM_E_REQUIRES_LATER_ENGINE",
  "MVM_E_PORT_FILE_VERSION_MISMATCH", "MVM_E_PORT_FILE_MACRO_TEST_FAILURE", "MVM_E_EXPECTED_POINTER_SIZE_TO_BE_16_BIT",
  "MVM_E_EXPECTED_POINTER_SIZE_NOT_TO_BE_16_BIT", "MVM_E_TYPE_ERROR_TARGET_IS_NOT_CALLABLE", "MVM_E_TDZ_ERROR",
  "MVM_E_MALLOC_NOT_WITHIN_RAM_PAGE", "MVM_E_INVALID_ARRAY_INDEX", "MVM_E_UNCAUGHT_EXCEPTION",
  "MVM_E_FATAL_ERROR_MUST_KILL_VM", "MVM_E_OBJECT_KEYS_ON_NON_OBJECT", "MVM_E_INVALID_UINT8_ARRAY_LENGTH",
  "MVM_E_CAN_ONLY_ASSIGN_BYTES_TO_UINT8_ARRAY", "MVM_E_WRONG_BYTECODE_VERSION", "MVM_E_USING_NEW_ON_NON_CLASS",
  "MVM_E_INSTRUCTION_COUNT_REACHED", "MVM_E_REQUIRES_ACTIVE_VM", "MVM_E_ASYNC_START_ERROR",
  "MVM_E_ASYNC_WITHOUT_AWAIT", "MVM_E_TYPE_ERROR_AWAIT_NON_PROMISE", "MVM_E_HEAP_CORRUPT",
  "MVM_E_CLASS_PROTOTYPE_MUST_BE_NULL_OR_OBJECT",
};

static void put_error(const char *kind, int code) {
  if (code >= 0 && code < (int)(sizeof error_names / sizeof error_names[0])) {
    printf("%s %s\n", kind, error_names[code]);
  } else {
    printf("%s MVM_E_%d\n", kind, code);
  }
}

/* ---- Output buffers ----------------------------------------------------- */

typedef struct {
  char *data;
  size_t len, cap;
} buf_t;

static void buf_putn(buf_t *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (b->len + n + 1 > cap) cap *= 2;
    b->data = realloc(b->data, cap);
    if (!b->data) exit(3);
    b->cap = cap;
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = 0;
}

static void buf_puts(buf_t *b, const char *s) { buf_putn(b, s, strlen(s)); }

/* JSON.stringify of a UTF-8 string. */
static void put_json_string(buf_t *b, const char *s, size_t n) {
  buf_puts(b, "\"");
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    char esc[8];
    switch (c) {
      case '"': buf_puts(b, "\\\""); break;
      case '\\': buf_puts(b, "\\\\"); break;
      case '\b': buf_puts(b, "\\b"); break;
      case '\f': buf_puts(b, "\\f"); break;
      case '\n': buf_puts(b, "\\n"); break;
      case '\r': buf_puts(b, "\\r"); break;
      case '\t': buf_puts(b, "\\t"); break;
      default:
        if (c < 0x20) {
          snprintf(esc, sizeof esc, "\\u%04x", c);
          buf_puts(b, esc);
        } else {
          buf_putn(b, (const char *)&c, 1);
        }
    }
  }
  buf_puts(b, "\"");
}

/* ---- The canonical encoding (FORMAT.md, "Values") ------------------------ */

static void encode(VM *vm, Value value, buf_t *b, int depth) {
  if (depth > 8) {
    buf_puts(b, "...");
    return;
  }
  size_t n;
  const char *s;
  switch (mvm_typeOf(vm, value)) {
    case VM_T_UNDEFINED: buf_puts(b, "undefined"); return;
    case VM_T_NULL: buf_puts(b, "null"); return;
    case VM_T_BOOLEAN: buf_puts(b, mvm_toBool(vm, value) ? "true" : "false"); return;
    case VM_T_NUMBER: {
      double d = mvm_toFloat64(vm, value);
      if (d == 0 && 1 / d < 0) {
        buf_puts(b, "-0");
        return;
      }
      s = mvm_toStringUtf8(vm, value, &n);
      buf_putn(b, s, n);
      return;
    }
    case VM_T_STRING:
      s = mvm_toStringUtf8(vm, value, &n);
      put_json_string(b, s, n);
      return;
    case VM_T_FUNCTION:
    case VM_T_CLASS: buf_puts(b, "function"); return;
    case VM_T_UINT8_ARRAY: {
      uint8_t *data;
      if (mvm_uint8ArrayToBytes(vm, value, &data, &n) != MVM_E_SUCCESS) {
        buf_puts(b, "object");
        return;
      }
      buf_puts(b, "Uint8Array(");
      for (size_t i = 0; i < n; i++) {
        char hex[4];
        snprintf(hex, sizeof hex, i ? ",%02x" : "%02x", data[i]);
        buf_puts(b, hex);
      }
      buf_puts(b, ")");
      return;
    }
    case VM_T_ARRAY: {
      mvm_Handle obj, key, item;
      mvm_initializeHandle(vm, &obj);
      mvm_initializeHandle(vm, &key);
      mvm_initializeHandle(vm, &item);
      mvm_handleSet(&obj, value);
      mvm_handleSet(&key, VM_VALUE_STR_LENGTH);
      get(vm, &obj, &key, &item);
      int32_t len = mvm_toInt32(vm, mvm_handleGet(&item));
      buf_puts(b, "[");
      for (int32_t i = 0; i < len; i++) {
        if (i) buf_puts(b, ",");
        mvm_handleSet(&key, mvm_newInt32(vm, i));
        get(vm, &obj, &key, &item);
        encode(vm, mvm_handleGet(&item), b, depth + 1);
      }
      buf_puts(b, "]");
      mvm_releaseHandle(vm, &item);
      mvm_releaseHandle(vm, &key);
      mvm_releaseHandle(vm, &obj);
      return;
    }
    case VM_T_OBJECT: {
      /* Objects encode by their own keys whatever their prototype (class
         instances too); promises encode as `object`. */
      if (deepTypeOf(vm, value) != TC_REF_PROPERTY_LIST) {
        buf_puts(b, "object");
        return;
      }
      TsPropertyList header;
      memcpy_long(&header, DynamicPtr_decode_long(vm, value), sizeof header);
      if (header.dpProto == getBuiltin(vm, BIN_PROMISE_PROTOTYPE)) {
        buf_puts(b, "object");
        return;
      }
      mvm_Handle obj, keys, key, item, lengthKey;
      mvm_initializeHandle(vm, &obj);
      mvm_initializeHandle(vm, &keys);
      mvm_initializeHandle(vm, &key);
      mvm_initializeHandle(vm, &item);
      mvm_initializeHandle(vm, &lengthKey);
      mvm_handleSet(&obj, value);
      mvm_handleSet(&keys, value);
      if (vm_objectKeys(vm, mvm_handleAt(&keys)) != MVM_E_SUCCESS) {
        buf_puts(b, "object");
      } else {
        mvm_handleSet(&lengthKey, VM_VALUE_STR_LENGTH);
        get(vm, &keys, &lengthKey, &item);
        int32_t len = mvm_toInt32(vm, mvm_handleGet(&item));
        buf_puts(b, "{");
        for (int32_t i = 0; i < len; i++) {
          if (i) buf_puts(b, ",");
          mvm_handleSet(&item, mvm_newInt32(vm, i));
          get(vm, &keys, &item, &key);
          s = mvm_toStringUtf8(vm, mvm_handleGet(&key), &n);
          put_json_string(b, s, n);
          buf_puts(b, ":");
          get(vm, &obj, &key, &item);
          encode(vm, mvm_handleGet(&item), b, depth + 1);
        }
        buf_puts(b, "}");
      }
      mvm_releaseHandle(vm, &lengthKey);
      mvm_releaseHandle(vm, &item);
      mvm_releaseHandle(vm, &key);
      mvm_releaseHandle(vm, &keys);
      mvm_releaseHandle(vm, &obj);
      return;
    }
    default: buf_puts(b, "object"); return;
  }
}

/* ---- Imports ------------------------------------------------------------- */

static mvm_TeError print_import(mvm_VM *vm, mvm_HostFunctionID id, mvm_Value *result, mvm_Value *args,
                                uint8_t argCount) {
  (void)id;
  (void)result;
  buf_t text = {0};
  buf_puts(&text, "");
  for (uint8_t i = 0; i < argCount; i++) {
    size_t n;
    if (i) buf_puts(&text, " ");
    const char *s = mvm_toStringUtf8(vm, args[i], &n);
    buf_putn(&text, s, n);
  }
  fputs(text.len ? "print " : "print", stdout);
  for (size_t i = 0; i < text.len; i++) {
    char c = text.data[i];
    if (c == '\\') fputs("\\\\", stdout);
    else if (c == '\n') fputs("\\n", stdout);
    else fputc(c, stdout);
  }
  fputc('\n', stdout);
  free(text.data);
  return MVM_E_SUCCESS;
}

/* ---- echo: a host round trip (FORMAT.md) -------------------------------- */

/* The firmware agent's echo encodes its argument and parses the text back
   (firmware/agent/src/mva_value.c): plain data comes back as a copy built by
   the same engine operations; anything the encoding cannot carry (a
   function, a promise, an empty Uint8Array, a value nested past the depth
   the encoding keeps) comes back as it is. This host does the same without
   the text. (Values too large for the agent's buffers are outside the
   contract: FORMAT.md.) */
#define ECHO_MAX_DEPTH 8

/* Whether `value` (at `depth`, the argument itself at 1) is plain data. */
static int echo_is_plain(VM *vm, mvm_Handle *value, int depth) {
  if (depth > ECHO_MAX_DEPTH) return 0;
  Value v = mvm_handleGet(value);
  switch (mvm_typeOf(vm, v)) {
    case VM_T_UNDEFINED: case VM_T_NULL: case VM_T_BOOLEAN: case VM_T_NUMBER: case VM_T_STRING: return 1;
    case VM_T_UINT8_ARRAY: {
      uint8_t *data;
      size_t n;
      return mvm_uint8ArrayToBytes(vm, v, &data, &n) == MVM_E_SUCCESS && n > 0;
    }
    case VM_T_ARRAY: case VM_T_OBJECT: break;
    default: return 0;
  }
  int plain = 1;
  mvm_Handle keys, key, item, lengthKey;
  mvm_initializeHandle(vm, &keys);
  mvm_initializeHandle(vm, &key);
  mvm_initializeHandle(vm, &item);
  mvm_initializeHandle(vm, &lengthKey);
  mvm_handleSet(&lengthKey, VM_VALUE_STR_LENGTH);
  if (mvm_typeOf(vm, v) == VM_T_ARRAY) {
    get(vm, value, &lengthKey, &item);
    int32_t len = mvm_toInt32(vm, mvm_handleGet(&item));
    for (int32_t i = 0; i < len && plain; i++) {
      mvm_handleSet(&key, mvm_newInt32(vm, i));
      get(vm, value, &key, &item);
      plain = echo_is_plain(vm, &item, depth + 1);
    }
  } else {
    TsPropertyList header;
    if (deepTypeOf(vm, v) != TC_REF_PROPERTY_LIST) {
      plain = 0;
    } else {
      memcpy_long(&header, DynamicPtr_decode_long(vm, v), sizeof header);
      mvm_handleSet(&keys, v);
      if (header.dpProto == getBuiltin(vm, BIN_PROMISE_PROTOTYPE) || vm_objectKeys(vm, mvm_handleAt(&keys)) != MVM_E_SUCCESS) {
        plain = 0;
      } else {
        get(vm, &keys, &lengthKey, &item);
        int32_t len = mvm_toInt32(vm, mvm_handleGet(&item));
        for (int32_t i = 0; i < len && plain; i++) {
          mvm_handleSet(&item, mvm_newInt32(vm, i));
          get(vm, &keys, &item, &key);
          get(vm, value, &key, &item);
          plain = echo_is_plain(vm, &item, depth + 1);
        }
      }
    }
  }
  mvm_releaseHandle(vm, &lengthKey);
  mvm_releaseHandle(vm, &item);
  mvm_releaseHandle(vm, &key);
  mvm_releaseHandle(vm, &keys);
  return plain;
}

/* A new string with the bytes of the string `v` (copied first: allocating
   may move the heap). */
static Value echo_copy_string(VM *vm, Value v) {
  size_t n;
  const char *s = mvm_toStringUtf8(vm, v, &n);
  char *copy = malloc(n + 1);
  if (!copy) die("out of memory");
  memcpy(copy, s, n);
  Value result = mvm_newString(vm, copy, n);
  free(copy);
  return result;
}

/* Sets `out` to a copy of the plain value in `value`, built as the agent's
   parser builds it: arrays by push, objects with a null prototype. */
static void echo_copy(VM *vm, mvm_Handle *value, mvm_Handle *out) {
  Value v = mvm_handleGet(value);
  switch (mvm_typeOf(vm, v)) {
    case VM_T_NUMBER: mvm_handleSet(out, mvm_newNumber(vm, mvm_toFloat64(vm, v))); return;
    case VM_T_STRING: mvm_handleSet(out, echo_copy_string(vm, v)); return;
    case VM_T_UINT8_ARRAY: {
      uint8_t *data;
      size_t n;
      mvm_uint8ArrayToBytes(vm, v, &data, &n);
      uint8_t *copy = malloc(n);
      if (!copy) die("out of memory");
      memcpy(copy, data, n);
      mvm_handleSet(out, mvm_uint8ArrayFromBytes(vm, copy, n));
      free(copy);
      return;
    }
    case VM_T_ARRAY: case VM_T_OBJECT: break;
    default: mvm_handleSet(out, v); return;
  }
  mvm_Handle keys, key, item, copy, lengthKey, object;
  mvm_initializeHandle(vm, &keys);
  mvm_initializeHandle(vm, &key);
  mvm_initializeHandle(vm, &item);
  mvm_initializeHandle(vm, &copy);
  mvm_initializeHandle(vm, &lengthKey);
  mvm_initializeHandle(vm, &object);
  mvm_handleSet(&lengthKey, VM_VALUE_STR_LENGTH);
  if (mvm_typeOf(vm, v) == VM_T_ARRAY) {
    mvm_handleSet(out, vm_newArray(vm, 0));
    get(vm, value, &lengthKey, &item);
    int32_t len = mvm_toInt32(vm, mvm_handleGet(&item));
    for (int32_t i = 0; i < len; i++) {
      mvm_handleSet(&key, mvm_newInt32(vm, i));
      get(vm, value, &key, &item);
      echo_copy(vm, &item, &copy);
      vm_arrayPush(vm, mvm_handleAt(out), mvm_handleAt(&copy));
    }
  } else {
    TsPropertyList *pObject = GC_ALLOCATE_TYPE(vm, TsPropertyList, TC_REF_PROPERTY_LIST);
    pObject->dpNext = VM_VALUE_NULL;
    pObject->dpProto = VM_VALUE_NULL;
    mvm_handleSet(out, ShortPtr_encode(vm, pObject));
    mvm_handleSet(&keys, mvm_handleGet(value));
    vm_objectKeys(vm, mvm_handleAt(&keys));
    get(vm, &keys, &lengthKey, &item);
    int32_t len = mvm_toInt32(vm, mvm_handleGet(&item));
    for (int32_t i = 0; i < len; i++) {
      mvm_handleSet(&item, mvm_newInt32(vm, i));
      get(vm, &keys, &item, &key);
      get(vm, value, &key, &item);
      /* The agent parses the key as a new string, then the value. */
      mvm_handleSet(&key, echo_copy_string(vm, mvm_handleGet(&key)));
      echo_copy(vm, &item, &copy);
      /* setProperty clears the object slot it is given (in safe mode): a rooted copy. */
      mvm_handleSet(&object, mvm_handleGet(out));
      if (setProperty(vm, mvm_handleAt(&object), mvm_handleAt(&key), mvm_handleAt(&copy)) != MVM_E_SUCCESS) die("echo cannot copy an object");
    }
  }
  mvm_releaseHandle(vm, &object);
  mvm_releaseHandle(vm, &lengthKey);
  mvm_releaseHandle(vm, &copy);
  mvm_releaseHandle(vm, &item);
  mvm_releaseHandle(vm, &key);
  mvm_releaseHandle(vm, &keys);
}

static mvm_TeError echo_import(mvm_VM *vm, mvm_HostFunctionID id, mvm_Value *result, mvm_Value *args,
                               uint8_t argCount) {
  (void)id;
  if (argCount == 0) {
    *result = mvm_undefined;
    return MVM_E_SUCCESS;
  }
  mvm_Handle original, copy;
  mvm_initializeHandle(vm, &original);
  mvm_initializeHandle(vm, &copy);
  mvm_handleSet(&original, args[0]);
  mvm_handleSet(&copy, args[0]);
  if (echo_is_plain(vm, &original, 1)) echo_copy(vm, &original, &copy);
  *result = mvm_handleGet(&copy);
  mvm_releaseHandle(vm, &copy);
  mvm_releaseHandle(vm, &original);
  return MVM_E_SUCCESS;
}

static mvm_TeError resolve_import(mvm_HostFunctionID id, void *context, mvm_TfHostFunction *out) {
  (void)context;
  if (id == 1) *out = print_import;
  else if (id == 2) *out = echo_import;
  else return MVM_E_UNRESOLVED_IMPORT;
  return MVM_E_SUCCESS;
}

/* ---- Files and steps ----------------------------------------------------- */

static uint8_t *read_file(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *data = malloc(n > 0 ? (size_t)n + 1 : 1);
  if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
    free(data);
    data = NULL;
  }
  fclose(f);
  if (data) data[n] = 0;
  *size = (size_t)n;
  return data;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

static uint32_t crc32(const uint8_t *data, size_t size) {
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < size; i++) {
    crc ^= data[i];
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xFFFFFFFFu;
}

static void die(const char *msg) {
  fflush(stdout);
  fprintf(stderr, "suite-host: %s\n", msg);
  exit(3);
}

/* Reads the next line of the steps text into `line` (without the line end). */
static char *next_line(char **cursor) {
  char *s = *cursor;
  if (!s || !*s) return NULL;
  char *end = strchr(s, '\n');
  if (end) {
    *end = 0;
    *cursor = end + 1;
  } else {
    *cursor = s + strlen(s);
  }
  return s;
}

static char *next_line(char **cursor);

/* One argument value from the steps text (pre-order: arrays and objects first
   give their element count, then the elements; object entries are a key line
   `s HEX` and a value). */
static Value parse_arg(VM *vm, char **cursor) {
  const char *line = next_line(cursor);
  if (!line) die("missing argument line");
  switch (line[0]) {
    case 'u': return mvm_undefined;
    case 'z': return mvm_null;
    case 't': return mvm_newBoolean(true);
    case 'f': return mvm_newBoolean(false);
    case 'n': {
      uint64_t bits = 0;
      for (const char *p = line + 2; *p; p++) bits = (bits << 4) | (uint64_t)hexval(*p);
      double d;
      memcpy(&d, &bits, sizeof d);
      return mvm_newNumber(vm, d);
    }
    case 's': {
      size_t hex = line[1] ? strlen(line + 2) : 0;
      char *bytes = malloc(hex / 2 + 1);
      if (!bytes) die("out of memory");
      for (size_t i = 0; i < hex / 2; i++) bytes[i] = (char)(hexval(line[2 + 2 * i]) * 16 + hexval(line[3 + 2 * i]));
      Value v = mvm_newString(vm, bytes, hex / 2);
      free(bytes);
      return v;
    }
    case 'a':
    case 'o': {
      int isArray = line[0] == 'a';
      int count = atoi(line + 2);
      mvm_Handle container, key, value;
      mvm_initializeHandle(vm, &container);
      mvm_initializeHandle(vm, &key);
      mvm_initializeHandle(vm, &value);
      if (isArray) {
        /* Capacity 0: vm_newArray pushes to the VM stack otherwise, which only exists during a call. */
        mvm_handleSet(&container, vm_newArray(vm, 0));
      } else {
        /* As VM_OP1_OBJECT_NEW does: an object literal has a null prototype. */
        TsPropertyList *pObject = GC_ALLOCATE_TYPE(vm, TsPropertyList, TC_REF_PROPERTY_LIST);
        pObject->dpNext = VM_VALUE_NULL;
        pObject->dpProto = VM_VALUE_NULL;
        mvm_handleSet(&container, ShortPtr_encode(vm, pObject));
      }
      for (int i = 0; i < count; i++) {
        if (isArray) mvm_handleSet(&key, mvm_newInt32(vm, i));
        else mvm_handleSet(&key, parse_arg(vm, cursor));
        mvm_handleSet(&value, parse_arg(vm, cursor));
        Value c = mvm_handleGet(&container), k = mvm_handleGet(&key), v = mvm_handleGet(&value);
        if (setProperty(vm, &c, &k, &v) != MVM_E_SUCCESS) die("cannot build an argument");
      }
      Value result = mvm_handleGet(&container);
      mvm_releaseHandle(vm, &value);
      mvm_releaseHandle(vm, &key);
      mvm_releaseHandle(vm, &container);
      return result;
    }
    default: die("unknown argument line");
  }
  return mvm_undefined;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: suite-host SNAPSHOT STEPS OUTDIR\n");
    return 3;
  }
  size_t size, steps_size;
  uint8_t *snapshot = read_file(argv[1], &size);
  char *steps = (char *)read_file(argv[2], &steps_size);
  if (!snapshot || !steps) die("cannot read the snapshot or the steps");

  void *page = aligned_alloc(MVP_PAGE_SIZE, MVP_PAGE_SIZE);
  if (!page) die("out of memory");
  mvp_page_init(page);
  mvp_host_page_base = (uintptr_t)page;

  VM *volatile vm = NULL;
  char *volatile cursor = steps;
  volatile int snapshot_count = 0;
  volatile int32_t gas = -1;
  if (setjmp(mvp_host_guard)) {
    put_error("fatal", mvp_host_fatal_code);
    fflush(stdout);
    return 0;
  }
  mvm_TeError err = mvm_restore((VM **)&vm, snapshot, size, page, resolve_import);
  if (err != MVM_E_SUCCESS) {
    put_error("fatal", err);
    return 0;
  }
  char *line;
  char *cur = cursor;
  while ((line = next_line(&cur)) != NULL) {
    cursor = cur;
    if (strncmp(line, "call ", 5) == 0) {
      unsigned id = 0, count = 0;
      if (sscanf(line + 5, "%u %u", &id, &count) != 2 || count > 32) die("bad call line");
      mvm_Handle handles[32];
      Value args[32];
      for (unsigned i = 0; i < count; i++) {
        mvm_initializeHandle(vm, &handles[i]);
        mvm_handleSet(&handles[i], parse_arg(vm, &cur));
      }
      cursor = cur;
      mvm_VMExportID exportId = (mvm_VMExportID)id;
      Value func, result = mvm_undefined;
      err = mvm_resolveExports(vm, &exportId, &func, 1);
      if (err == MVM_E_SUCCESS) {
        for (unsigned i = 0; i < count; i++) args[i] = mvm_handleGet(&handles[i]);
        if (gas >= 0) mvm_stopAfterNInstructions(vm, gas);
        else mvm_stopAfterNInstructions(vm, -1);
        err = mvm_call(vm, func, &result, args, (uint8_t)count);
        mvm_stopAfterNInstructions(vm, -1);
      }
      for (unsigned i = 0; i < count; i++) mvm_releaseHandle(vm, &handles[i]);
      if (err == MVM_E_SUCCESS || err == MVM_E_UNCAUGHT_EXCEPTION) {
        mvm_Handle h;
        mvm_initializeHandle(vm, &h);
        mvm_handleSet(&h, result);
        buf_t text = {0};
        buf_puts(&text, err == MVM_E_SUCCESS ? "return " : "throw ");
        encode(vm, mvm_handleGet(&h), &text, 0);
        mvm_releaseHandle(vm, &h);
        puts(text.data);
        free(text.data);
      } else {
        put_error("error", err);
      }
    } else if (strcmp(line, "snapshot") == 0) {
      size_t snap_size;
      mvm_runGC(vm, false); /* FORMAT.md: the capture holds no garbage */
      /* As the runtimes do: the snapshot may come from the host when the
         page has no single block left for it. */
      mvp_page_set_spill(page, malloc);
      void *snap = mvm_createSnapshot(vm, &snap_size);
      mvp_page_set_spill(page, NULL);
      if (!snap) die("mvm_createSnapshot failed");
      char path[4096];
      snprintf(path, sizeof path, "%s/snap-%d.bin", argv[3], snapshot_count);
      snapshot_count = snapshot_count + 1;
      FILE *f = fopen(path, "wb");
      if (!f || fwrite(snap, 1, snap_size, f) != snap_size || fclose(f) != 0) die("cannot write a snapshot");
      printf("snapshot %zu %08x\n", snap_size, (unsigned)crc32(snap, snap_size));
      /* Continue on a VM restored from the capture, in a fresh page. */
      uint8_t *copy = malloc(snap_size);
      if (!copy) die("out of memory");
      memcpy(copy, snap, snap_size);
      if (mvp_page_contains(page, snap)) mvp_page_free(snap); /* the engine allocated it in the VM's page */
      else free(snap);
      mvm_free(vm);
      void *page2 = aligned_alloc(MVP_PAGE_SIZE, MVP_PAGE_SIZE);
      if (!page2) die("out of memory");
      mvp_page_init(page2);
      mvp_host_page_base = (uintptr_t)page2;
      free(page);
      page = page2;
      free(snapshot);
      snapshot = copy;
      err = mvm_restore((VM **)&vm, snapshot, snap_size, page, resolve_import);
      if (err != MVM_E_SUCCESS) {
        put_error("fatal", err);
        return 0;
      }
    } else if (strcmp(line, "gc") == 0) {
      mvm_runGC(vm, false);
    } else if (strcmp(line, "heap") == 0) {
      mvm_TsMemoryStats stats;
      mvm_runGC(vm, false);
      mvm_getMemoryStats(vm, &stats);
      printf("heap %zu\n", stats.virtualHeapUsed);
    } else if (strcmp(line, "gas off") == 0) {
      gas = -1;
    } else if (strncmp(line, "gas ", 4) == 0) {
      gas = atoi(line + 4);
    } else if (line[0]) {
      die("unknown step line");
    }
    fflush(stdout);
  }
  mvm_free(vm);
  free(page);
  free(snapshot);
  free(steps);
  return 0;
}
