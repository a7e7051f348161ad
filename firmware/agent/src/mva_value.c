/*
 * mva_value.c: guest values <-> the canonical encoding, and the engine itself.
 *
 * This is the only translation unit that compiles the engine: it includes the
 * pinned (patched) package's microvium.c, found on the include path, with the
 * engine's hidden internals exposed, to read arrays and property lists and to
 * build them. Nothing here allocates outside the VM page.
 */
#define MVM_EXPOSE_INTERNALS 1
#include "microvium.c"

#include "mva_value.h"

/* ---- encoding ------------------------------------------------------------ */

static void put(mva_sink *sink, const char *text) { sink->write(sink, text, strlen(text)); }

static const char hex_digits[] = "0123456789abcdef";

void mva_encode_string(const uint8_t *s, size_t size, mva_sink *sink) {
  char esc[8];
  size_t run = 0; /* start of the pending run of literal bytes */
  sink->write(sink, "\"", 1);
  for (size_t i = 0; i < size; i++) {
    uint8_t c = s[i];
    const char *e = NULL;
    size_t skip = 1;
    switch (c) {
      case '"': e = "\\\""; break;
      case '\\': e = "\\\\"; break;
      case '\b': e = "\\b"; break;
      case '\f': e = "\\f"; break;
      case '\n': e = "\\n"; break;
      case '\r': e = "\\r"; break;
      case '\t': e = "\\t"; break;
      default:
        if (c < 0x20) {
          esc[0] = '\\'; esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
          esc[4] = hex_digits[c >> 4]; esc[5] = hex_digits[c & 15]; esc[6] = 0;
          e = esc;
        } else if (c == 0xED && i + 2 < size && s[i + 1] >= 0xA0 && s[i + 1] <= 0xBF) {
          /* A surrogate code unit stored on its own (WTF-8): JSON.stringify
             writes lone surrogates as \udxxx. */
          uint16_t unit = (uint16_t)(0xD000 | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F));
          esc[0] = '\\'; esc[1] = 'u';
          esc[2] = hex_digits[(unit >> 12) & 15]; esc[3] = hex_digits[(unit >> 8) & 15];
          esc[4] = hex_digits[(unit >> 4) & 15]; esc[5] = hex_digits[unit & 15]; esc[6] = 0;
          e = esc;
          skip = 3;
        }
    }
    if (e) {
      if (i > run) sink->write(sink, (const char *)s + run, i - run);
      put(sink, e);
      i += skip - 1;
      run = i + 1;
    }
  }
  if (size > run) sink->write(sink, (const char *)s + run, size - run);
  sink->write(sink, "\"", 1);
}

static void encode_string_value(VM *vm, Value v, mva_sink *sink) {
  size_t size;
  const char *text = mvm_toStringUtf8(vm, v, &size);
  mva_encode_string((const uint8_t *)text, size, sink);
}

static void encode_number(VM *vm, Value v, mva_sink *sink) {
  char buf[MVP_NUMBER_BUF];
  if (v == VM_VALUE_NEG_ZERO) {
    put(sink, "-0");
    return;
  }
  MVM_FLOAT64 d = mvm_toFloat64(vm, v);
  if (d == 0 && signbit(d)) {
    put(sink, "-0");
    return;
  }
  size_t n = mvp_number_to_string(d, buf);
  sink->write(sink, buf, n);
}

static void encode_key(VM *vm, Value key, mva_sink *sink) {
  if (Value_isVirtualInt14(key)) {
    char buf[MVP_NUMBER_BUF + 2];
    size_t n = mvp_number_to_string((double)VirtualInt14_decode(vm, key), buf + 1);
    buf[0] = '"';
    buf[n + 1] = '"';
    sink->write(sink, buf, n + 2);
  } else {
    encode_string_value(vm, key, sink);
  }
}

static void encode(VM *vm, Value v, mva_sink *sink, int depth) {
  if (depth > MVA_MAX_DEPTH) {
    put(sink, "...");
    return;
  }
  TeTypeCode tc = deepTypeOf(vm, v);
  switch (tc) {
    case TC_VAL_UNDEFINED:
    case TC_VAL_DELETED: put(sink, "undefined"); return;
    case TC_VAL_NULL: put(sink, "null"); return;
    case TC_VAL_TRUE: put(sink, "true"); return;
    case TC_VAL_FALSE: put(sink, "false"); return;
    case TC_VAL_INT14:
    case TC_REF_INT32:
    case TC_REF_FLOAT64:
    case TC_VAL_NAN:
    case TC_VAL_NEG_ZERO: encode_number(vm, v, sink); return;
    case TC_REF_STRING:
    case TC_REF_INTERNED_STRING:
    case TC_VAL_STR_LENGTH:
    case TC_VAL_STR_PROTO: encode_string_value(vm, v, sink); return;
    case TC_REF_FUNCTION:
    case TC_REF_HOST_FUNC:
    case TC_REF_CLOSURE:
    case TC_REF_CLASS:
    case TC_VAL_NO_OP_FUNC: put(sink, "function"); return;
    case TC_REF_UINT8_ARRAY: {
      uint8_t *data;
      size_t size;
      put(sink, "Uint8Array(");
      if (mvm_uint8ArrayToBytes(vm, v, &data, &size) == MVM_E_SUCCESS) {
        for (size_t i = 0; i < size; i++) {
          char b[3] = {hex_digits[data[i] >> 4], hex_digits[data[i] & 15], ','};
          sink->write(sink, b, i + 1 < size ? 3 : 2);
        }
      }
      put(sink, ")");
      return;
    }
    case TC_REF_ARRAY: {
      LongPtr lpArr = DynamicPtr_decode_long(vm, v);
      uint16_t length = (uint16_t)VirtualInt14_decode(vm, READ_FIELD_2(lpArr, TsArray, viLength));
      DynamicPtr dpData = READ_FIELD_2(lpArr, TsArray, dpData);
      put(sink, "[");
      for (uint16_t i = 0; i < length; i++) {
        if (i) put(sink, ",");
        Value item = VM_VALUE_DELETED;
        if (dpData != VM_VALUE_NULL) {
          LongPtr lpData = DynamicPtr_decode_long(vm, dpData);
          uint16_t capacity = vm_getAllocationSize_long(lpData) / 2;
          if (i < capacity) item = LongPtr_read2_aligned(LongPtr_add(lpData, (int16_t)(i * 2)));
        }
        encode(vm, item, sink, depth + 1);
      }
      put(sink, "]");
      return;
    }
    case TC_REF_FIXED_LENGTH_ARRAY: {
      /* What Object.keys returns: an array whose length is its size. */
      LongPtr lpData = DynamicPtr_decode_long(vm, v);
      uint16_t length = vm_getAllocationSize_long(lpData) / 2;
      put(sink, "[");
      for (uint16_t i = 0; i < length; i++) {
        if (i) put(sink, ",");
        encode(vm, LongPtr_read2_aligned(LongPtr_add(lpData, (int16_t)(i * 2))), sink, depth + 1);
      }
      put(sink, "]");
      return;
    }
    case TC_REF_PROPERTY_LIST: {
      LongPtr lpObj = DynamicPtr_decode_long(vm, v);
      /* Object literals and class instances encode by their own fields
         (tests/shared/FORMAT.md); a promise, whose prototype is the
         engine's promise prototype, encodes as `object`. */
      Value proto = READ_FIELD_2(lpObj, TsPropertyList, dpProto);
      if (proto != VM_VALUE_NULL && proto == getBuiltin(vm, BIN_PROMISE_PROTOTYPE)) {
        put(sink, "object");
        return;
      }
      put(sink, "{");
      bool first = true;
      Value list = v;
      do {
        LongPtr lpList = DynamicPtr_decode_long(vm, list);
        uint16_t size = vm_getAllocationSize_long(lpList) - sizeof(TsPropertyList);
        LongPtr lpProp = LongPtr_add(lpList, sizeof(TsPropertyList));
        while (size >= 4) {
          Value key = LongPtr_read2_aligned(lpProp);
          Value value = LongPtr_read2_aligned(LongPtr_add(lpProp, 2));
          /* Internal slots have negative int14 keys. */
          if ((key & 0x8003) != 0x8003 && value != VM_VALUE_DELETED) {
            if (!first) put(sink, ",");
            first = false;
            encode_key(vm, key, sink);
            put(sink, ":");
            encode(vm, value, sink, depth + 1);
          }
          lpProp = LongPtr_add(lpProp, 4);
          size -= 4;
        }
        list = READ_FIELD_2(lpList, TsPropertyList, dpNext);
      } while (list != VM_VALUE_NULL);
      put(sink, "}");
      return;
    }
    default: put(sink, "object"); return;
  }
}

void mva_encode(mvm_VM *vm, mvm_Value value, mva_sink *sink) { encode(vm, value, sink, 0); }

/* ---- parsing --------------------------------------------------------------- */

typedef struct cursor {
  const char *p;
  const char *end;
} cursor;

/* Decoded strings and Uint8Array bytes, copied into the VM at once. */
static uint8_t scratch[1024];

static int peek(cursor *c) { return c->p < c->end ? (uint8_t)*c->p : -1; }

static bool take(cursor *c, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(c->end - c->p) < n || memcmp(c->p, word, n) != 0) return false;
  c->p += n;
  return true;
}

static int hex_value(int ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

static int read_hex4(cursor *c, uint32_t *out) {
  uint32_t v = 0;
  for (int i = 0; i < 4; i++) {
    int h = hex_value(peek(c));
    if (h < 0) return -1;
    v = (v << 4) | (uint32_t)h;
    c->p++;
  }
  *out = v;
  return 0;
}

static size_t put_utf8(uint8_t *out, uint32_t cp) {
  if (cp < 0x80) { out[0] = (uint8_t)cp; return 1; }
  if (cp < 0x800) { out[0] = (uint8_t)(0xC0 | (cp >> 6)); out[1] = (uint8_t)(0x80 | (cp & 0x3F)); return 2; }
  if (cp < 0x10000) {
    out[0] = (uint8_t)(0xE0 | (cp >> 12)); out[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (uint8_t)(0x80 | (cp & 0x3F)); return 3;
  }
  out[0] = (uint8_t)(0xF0 | (cp >> 18)); out[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (uint8_t)(0x80 | (cp & 0x3F));
  return 4;
}

/* A JSON string into `scratch`; returns its size or -1. */
static int parse_string(cursor *c) {
  size_t n = 0;
  if (peek(c) != '"') return -1;
  c->p++;
  for (;;) {
    int ch = peek(c);
    if (ch < 0) return -1;
    c->p++;
    if (ch == '"') break;
    if (n + 4 > sizeof scratch) return -1;
    if (ch != '\\') {
      scratch[n++] = (uint8_t)ch;
      continue;
    }
    ch = peek(c);
    c->p++;
    switch (ch) {
      case '"': case '\\': case '/': scratch[n++] = (uint8_t)ch; break;
      case 'b': scratch[n++] = '\b'; break;
      case 'f': scratch[n++] = '\f'; break;
      case 'n': scratch[n++] = '\n'; break;
      case 'r': scratch[n++] = '\r'; break;
      case 't': scratch[n++] = '\t'; break;
      case 'u': {
        uint32_t cp;
        if (read_hex4(c, &cp)) return -1;
        if (cp >= 0xD800 && cp <= 0xDBFF && c->end - c->p >= 6 && c->p[0] == '\\' && c->p[1] == 'u') {
          cursor save = *c;
          uint32_t lo;
          c->p += 2;
          if (read_hex4(c, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else {
            *c = save;
          }
        }
        n += put_utf8(scratch + n, cp);
        break;
      }
      default: return -1;
    }
  }
  return (int)n;
}

static int parse_value(VM *vm, cursor *c, int depth, Value *slot);

static int parse_number(VM *vm, cursor *c, Value *slot) {
  const char *start = c->p;
  while (c->p < c->end) {
    char ch = *c->p;
    if ((ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == '.' || ch == 'e' || ch == 'E' ||
        (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'))
      c->p++;
    else
      break;
  }
  size_t n = (size_t)(c->p - start);
  if (n == 0) return -1;
  if (n == 3 && memcmp(start, "NaN", 3) == 0) {
    *slot = mvm_newNumber(vm, mvp_nan());
    return 0;
  }
  double d = mvp_string_to_number(start, n);
  if (d != d) return -1; /* not a number token */
  *slot = mvm_newNumber(vm, d);
  return 0;
}

static int parse_value(VM *vm, cursor *c, int depth, Value *slot) {
  if (depth > MVA_MAX_DEPTH + 1) return -1;
  int ch = peek(c);
  if (ch == '[') {
    c->p++;
    *slot = vm_newArray(vm, 0);
    if (peek(c) == ']') { c->p++; return 0; }
    for (;;) {
      mvm_Handle item;
      mvm_initializeHandle(vm, &item);
      int r = parse_value(vm, c, depth + 1, mvm_handleAt(&item));
      if (r == 0) vm_arrayPush(vm, slot, mvm_handleAt(&item));
      mvm_releaseHandle(vm, &item);
      if (r) return r;
      ch = peek(c);
      c->p++;
      if (ch == ']') return 0;
      if (ch != ',') return -1;
    }
  }
  if (ch == '{') {
    c->p++;
    TsPropertyList *obj = mvm_allocate(vm, sizeof(TsPropertyList), TC_REF_PROPERTY_LIST);
    obj->dpNext = VM_VALUE_NULL;
    obj->dpProto = VM_VALUE_NULL;
    *slot = ShortPtr_encode(vm, obj);
    if (peek(c) == '}') { c->p++; return 0; }
    for (;;) {
      int n = parse_string(c);
      if (n < 0 || peek(c) != ':') return -1;
      c->p++;
      mvm_Handle key, value;
      mvm_initializeHandle(vm, &key);
      mvm_initializeHandle(vm, &value);
      mvm_handleSet(&key, mvm_newString(vm, (const char *)scratch, (size_t)n));
      int r = parse_value(vm, c, depth + 1, mvm_handleAt(&value));
      if (r == 0) {
        /* setProperty clears the object slot it is given (in safe mode), so
           it gets a rooted copy; `slot` is rooted too and stays current. */
        mvm_Handle object;
        mvm_initializeHandle(vm, &object);
        mvm_handleSet(&object, *slot);
        if (setProperty(vm, mvm_handleAt(&object), mvm_handleAt(&key), mvm_handleAt(&value)) != MVM_E_SUCCESS) r = -1;
        mvm_releaseHandle(vm, &object);
      }
      mvm_releaseHandle(vm, &value);
      mvm_releaseHandle(vm, &key);
      if (r) return r;
      ch = peek(c);
      c->p++;
      if (ch == '}') return 0;
      if (ch != ',') return -1;
    }
  }
  if (ch == '"') {
    int n = parse_string(c);
    if (n < 0) return -1;
    *slot = mvm_newString(vm, (const char *)scratch, (size_t)n);
    return 0;
  }
  if (take(c, "undefined")) { *slot = VM_VALUE_UNDEFINED; return 0; }
  if (take(c, "null")) { *slot = VM_VALUE_NULL; return 0; }
  if (take(c, "true")) { *slot = VM_VALUE_TRUE; return 0; }
  if (take(c, "false")) { *slot = VM_VALUE_FALSE; return 0; }
  if (take(c, "Uint8Array(")) {
    size_t n = 0;
    while (peek(c) != ')') {
      int hi = hex_value(peek(c));
      if (hi < 0 || n >= sizeof scratch) return -1;
      c->p++;
      int lo = hex_value(peek(c));
      if (lo < 0) return -1;
      c->p++;
      scratch[n++] = (uint8_t)(hi << 4 | lo);
      if (peek(c) == ',') c->p++;
    }
    c->p++;
    if (n == 0) return -1; /* the engine cannot hold an empty Uint8Array (engine patch 0006) */
    *slot = mvm_uint8ArrayFromBytes(vm, scratch, n);
    return 0;
  }
  return parse_number(vm, c, slot);
}

int mva_parse_args(mvm_VM *vm, const char *text, size_t size, mvm_Handle *handles, uint8_t max,
                   uint8_t *count) {
  cursor c = {text, text + size};
  *count = 0;
  if (peek(&c) != '[') return -1;
  c.p++;
  if (peek(&c) == ']') return c.p + 1 == c.end ? 0 : -1;
  for (;;) {
    if (*count >= max) return -1;
    mvm_Handle *h = &handles[*count];
    mvm_initializeHandle(vm, h);
    (*count)++;
    if (parse_value(vm, &c, 1, mvm_handleAt(h))) return -1;
    int ch = peek(&c);
    c.p++;
    if (ch == ']') return c.p == c.end ? 0 : -1;
    if (ch != ',') return -1;
  }
}

void mva_release_args(mvm_VM *vm, mvm_Handle *handles, uint8_t count) {
  for (uint8_t i = count; i > 0; i--) mvm_releaseHandle(vm, &handles[i - 1]);
}

/* ---- echo -------------------------------------------------------------- */

typedef struct buffer_sink {
  mva_sink sink;
  char *data;
  size_t size, capacity;
  bool overflow;
} buffer_sink;

static void buffer_write(mva_sink *sink, const char *text, size_t size) {
  buffer_sink *b = (buffer_sink *)sink;
  if (b->size + size > b->capacity) {
    b->overflow = true;
    return;
  }
  memcpy(b->data + b->size, text, size);
  b->size += size;
}

static char echo_text[2048];

mvm_Value mva_echo(mvm_VM *vm, mvm_Value value) {
  buffer_sink b = {{buffer_write}, echo_text, 0, sizeof echo_text, false};
  mvm_Handle original, copy;
  mvm_initializeHandle(vm, &original);
  mvm_initializeHandle(vm, &copy);
  mvm_handleSet(&original, value);
  encode(vm, value, &b.sink, 1);
  cursor c = {echo_text, echo_text + b.size};
  mvm_Value result = value;
  if (!b.overflow && parse_value(vm, &c, 1, mvm_handleAt(&copy)) == 0 && c.p == c.end) {
    result = mvm_handleGet(&copy);
  } else {
    result = mvm_handleGet(&original); /* no plain-data form: unchanged */
  }
  mvm_releaseHandle(vm, &copy);
  mvm_releaseHandle(vm, &original);
  return result;
}

uint32_t mva_heap_used(mvm_VM *vm) {
  mvm_TsMemoryStats stats;
  mvm_runGC(vm, false);
  mvm_getMemoryStats(vm, &stats);
  return (uint32_t)stats.virtualHeapUsed;
}

/* ---- error names ------------------------------------------------------- */

static const char *const error_names[] = {
  "SUCCESS", "UNEXPECTED", "MALLOC_FAIL", "ALLOCATION_TOO_LARGE", "INVALID_ADDRESS",
  "COPY_ACROSS_BUCKET_BOUNDARY", "FUNCTION_NOT_FOUND", "INVALID_HANDLE", "STACK_OVERFLOW",
  "UNRESOLVED_IMPORT", "ATTEMPT_TO_WRITE_TO_ROM", "INVALID_ARGUMENTS", "TYPE_ERROR",
  "TARGET_NOT_CALLABLE", "HOST_ERROR", "NOT_IMPLEMENTED", "HOST_RETURNED_INVALID_VALUE",
  "ASSERTION_FAILED", "INVALID_BYTECODE", "UNRESOLVED_EXPORT", "RANGE_ERROR", "DETACHED_EPHEMERAL",
  "TARGET_IS_NOT_A_VM_FUNCTION", "FLOAT64", "NAN", "NEG_ZERO", "OPERATION_REQUIRES_FLOAT_SUPPORT",
  "BYTECODE_CRC_FAIL", "BYTECODE_REQUIRES_FLOAT_SUPPORT", "PROTO_IS_READONLY", "SNAPSHOT_TOO_LARGE",
  "MALLOC_MUST_RETURN_POINTER_TO_EVEN_BOUNDARY", "ARRAY_TOO_LONG", "OUT_OF_MEMORY",
  "TOO_MANY_ARGUMENTS", "REQUIRES_LATER_ENGINE", "PORT_FILE_VERSION_MISMATCH",
  "PORT_FILE_MACRO_TEST_FAILURE", "EXPECTED_POINTER_SIZE_TO_BE_16_BIT",
  "EXPECTED_POINTER_SIZE_NOT_TO_BE_16_BIT", "TYPE_ERROR_TARGET_IS_NOT_CALLABLE", "TDZ_ERROR",
  "MALLOC_NOT_WITHIN_RAM_PAGE", "INVALID_ARRAY_INDEX", "UNCAUGHT_EXCEPTION",
  "FATAL_ERROR_MUST_KILL_VM", "OBJECT_KEYS_ON_NON_OBJECT", "INVALID_UINT8_ARRAY_LENGTH",
  "CAN_ONLY_ASSIGN_BYTES_TO_UINT8_ARRAY", "WRONG_BYTECODE_VERSION", "USING_NEW_ON_NON_CLASS",
  "INSTRUCTION_COUNT_REACHED", "REQUIRES_ACTIVE_VM", "ASYNC_START_ERROR", "ASYNC_WITHOUT_AWAIT",
  "TYPE_ERROR_AWAIT_NON_PROMISE", "HEAP_CORRUPT", "CLASS_PROTOTYPE_MUST_BE_NULL_OR_OBJECT",
};

const char *mva_error_name(int code, char *buf) {
  const char *name = NULL;
  if (code >= 0 && (size_t)code < sizeof error_names / sizeof error_names[0]) name = error_names[code];
  strcpy(buf, "MVM_E_");
  if (name) {
    strcpy(buf + 6, name);
  } else {
    /* decimal */
    char tmp[12];
    int n = 0;
    unsigned v = (unsigned)(code < 0 ? -code : code);
    do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    char *p = buf + 6;
    if (code < 0) *p++ = '-';
    while (n) *p++ = tmp[--n];
    *p = 0;
  }
  return buf;
}
