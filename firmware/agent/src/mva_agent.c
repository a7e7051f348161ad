/*
 * mva_agent.c: the protocol loop (firmware/PROTOCOL.md).
 *
 * One command at a time: read a line, check its CRC, run it, answer with
 * lines that carry the command's sequence number. Board I/O goes through
 * mva_hal.h only; the engine through microvium.h and mva_value.h.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include "microvium.h"
#include "mva.h"
#include "mva_hal.h"
#include "mva_value.h"

/* ---- memory: the page and the receive buffer (no other allocation) ------ */

/* Boards with our own linker scripts place the page by section (first in RAM,
   so no alignment gap); elsewhere the alignment attribute does it. */
#if defined(MVA_VMPAGE_SECTION)
#define MVA_PAGE_SECTION __attribute__((section(".bss.vmpage")))
#else
#define MVA_PAGE_SECTION
#endif
uint8_t mva_page[MVP_PAGE_SIZE] __attribute__((aligned(MVP_PAGE_SIZE))) MVA_PAGE_SECTION;

/* The snapshot the VM runs from (the engine reads its bytecode in place). */
static uint8_t image[MVA_IMAGE_MAX] __attribute__((aligned(8)));
static uint32_t image_size;     /* announced by LOAD */
static uint32_t image_crc;      /* announced by LOAD */
static uint32_t image_received; /* bytes received so far */
static bool image_valid;        /* image[0..image_size) is complete and matches image_crc */

static char line[MVA_LINE_MAX + 1];

static mvm_VM *vm;
static bool vm_killed;          /* a fatal error discarded the VM */
static int32_t scenario_gas = -1; /* GAS step; -1: off */
static int32_t default_gas = MVA_DEFAULT_GAS; /* LIMIT; -1: none */
static uint32_t current_seq;

static jmp_buf fatal_jump;
static volatile bool in_engine;
static volatile int fatal_code;

/* ---- CRCs ------------------------------------------------------------------ */

uint16_t mva_crc16_update(uint16_t crc, const void *data, size_t size) {
  const uint8_t *p = data;
  while (size--) {
    crc ^= (uint16_t)(*p++ << 8);
    for (int k = 0; k < 8; k++) crc = (uint16_t)((crc & 0x8000) ? (crc << 1) ^ 0x1021 : crc << 1);
  }
  return crc;
}

uint32_t mva_crc32_update(uint32_t crc, const void *data, size_t size) {
  const uint8_t *p = data;
  crc = ~crc;
  while (size--) {
    crc ^= *p++;
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

/* ---- output lines: "<seq> <VERB>[ payload] *<crc16>\n" ------------------ */

static uint16_t out_crc;
static bool out_open;

static void out_bytes(const char *s, size_t n) {
  out_crc = mva_crc16_update(out_crc, s, n);
  for (size_t i = 0; i < n; i++) hal_putc((uint8_t)s[i]);
}
static void out_str(const char *s) { out_bytes(s, strlen(s)); }

static void out_u32(uint32_t v) {
  char buf[11];
  int n = 0;
  do { buf[sizeof buf - 1 - n++] = (char)('0' + v % 10); v /= 10; } while (v);
  out_bytes(buf + sizeof buf - n, (size_t)n);
}
static void out_i32(int32_t v) {
  if (v < 0) { out_str("-"); out_u32(0u - (uint32_t)v); } else out_u32((uint32_t)v);
}
static void out_hex(uint32_t v, int digits) {
  static const char hex[] = "0123456789abcdef";
  char buf[8];
  for (int i = 0; i < digits; i++) buf[i] = hex[(v >> (4 * (digits - 1 - i))) & 15];
  out_bytes(buf, (size_t)digits);
}

static void out_begin(const char *verb) {
  out_crc = 0xFFFF;
  out_open = true;
  out_u32(current_seq);
  out_str(" ");
  out_str(verb);
}
static void out_end(void) {
  uint16_t crc = out_crc;
  hal_putc(' ');
  hal_putc('*');
  out_hex(crc, 4);
  hal_putc('\n');
  hal_flush();
  out_open = false;
}
static void out_line(const char *verb, const char *payload) {
  out_begin(verb);
  if (payload) { out_str(" "); out_str(payload); }
  out_end();
}

static void sink_out(mva_sink *sink, const char *text, size_t size) { (void)sink; out_bytes(text, size); }
static mva_sink out_sink = {sink_out};

/* print text: a backslash and a line break are escaped (FORMAT.md) */
static void sink_print(mva_sink *sink, const char *text, size_t size) {
  (void)sink;
  size_t run = 0;
  for (size_t i = 0; i < size; i++) {
    if (text[i] == '\\' || text[i] == '\n') {
      out_bytes(text + run, i - run);
      out_str(text[i] == '\\' ? "\\\\" : "\\n");
      run = i + 1;
    }
  }
  out_bytes(text + run, size - run);
}
static mva_sink print_sink = {sink_print};

static void out_error_name(int code) {
  char name[64];
  out_str(mva_error_name(code, name));
}

/* ---- base64 ------------------------------------------------------------ */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void out_base64(const uint8_t *p, size_t n) {
  char q[4];
  while (n) {
    uint32_t v = (uint32_t)p[0] << 16 | (n > 1 ? (uint32_t)p[1] << 8 : 0) | (n > 2 ? p[2] : 0);
    q[0] = b64[v >> 18];
    q[1] = b64[(v >> 12) & 63];
    q[2] = n > 1 ? b64[(v >> 6) & 63] : '=';
    q[3] = n > 2 ? b64[v & 63] : '=';
    out_bytes(q, 4);
    size_t k = n > 3 ? 3 : n;
    p += k;
    n -= k;
  }
}

static int b64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

/* Decodes in place-safe order into `out`; returns the byte count or -1. */
static long base64_decode(const char *s, size_t n, uint8_t *out, size_t capacity) {
  if (n % 4) return -1;
  size_t o = 0;
  for (size_t i = 0; i < n; i += 4) {
    int a = b64_value(s[i]), b = b64_value(s[i + 1]);
    int c = s[i + 2] == '=' ? 0 : b64_value(s[i + 2]);
    int d = s[i + 3] == '=' ? 0 : b64_value(s[i + 3]);
    if (a < 0 || b < 0 || c < 0 || d < 0) return -1;
    uint32_t v = (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6 | (uint32_t)d;
    size_t k = s[i + 2] == '=' ? 1 : s[i + 3] == '=' ? 2 : 3;
    if (k < 3 && i + 4 != n) return -1;
    if (o + k > capacity) return -1;
    out[o++] = (uint8_t)(v >> 16);
    if (k > 1) out[o++] = (uint8_t)(v >> 8);
    if (k > 2) out[o++] = (uint8_t)v;
  }
  return (long)o;
}

/* ---- small parsing helpers --------------------------------------------- */

static bool parse_u32(const char **p, const char *end, uint32_t *out) {
  const char *s = *p;
  uint32_t v = 0;
  if (s >= end || *s < '0' || *s > '9') return false;
  while (s < end && *s >= '0' && *s <= '9') {
    uint32_t d = (uint32_t)(*s - '0');
    if (v > (0xFFFFFFFFu - d) / 10) return false;
    v = v * 10 + d;
    s++;
  }
  *p = s;
  *out = v;
  return true;
}

static bool parse_hex32(const char **p, const char *end, uint32_t *out) {
  const char *s = *p;
  uint32_t v = 0;
  int n = 0;
  while (s < end && n < 8) {
    char c = *s;
    int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
    if (d < 0) break;
    v = v << 4 | (uint32_t)d;
    s++;
    n++;
  }
  if (!n) return false;
  *p = s;
  *out = v;
  return true;
}

static bool skip_space(const char **p, const char *end) {
  if (*p >= end || **p != ' ') return false;
  (*p)++;
  return true;
}

/* `n` or `off` (-1); counts above INT32_MAX are refused */
static bool parse_limit(const char *p, const char *end, int32_t *out) {
  uint32_t v;
  if (end - p == 3 && memcmp(p, "off", 3) == 0) { *out = -1; return true; }
  if (!parse_u32(&p, end, &v) || p != end || v > 0x7FFFFFFFu) return false;
  *out = (int32_t)v;
  return true;
}

/* ---- the engine's imports ---------------------------------------------- */

static mvm_TeError import_print(mvm_VM *vm_, mvm_HostFunctionID id, mvm_Value *result, mvm_Value *args,
                                uint8_t argCount) {
  (void)id;
  (void)result;
  out_begin("T print");
  for (uint8_t i = 0; i < argCount; i++) {
    size_t size;
    /* Converting may allocate (and collect): args live on the VM stack, which
       the collector updates, so each is read again here. */
    const char *text = mvm_toStringUtf8(vm_, args[i], &size);
    /* The text is the arguments joined by spaces; an empty text is just "print". */
    if (i > 0 || argCount > 1 || size > 0) out_str(" ");
    sink_print(&print_sink, text, size);
  }
  out_end();
  hal_watchdog_kick();
  return MVM_E_SUCCESS;
}

static mvm_TeError import_echo(mvm_VM *vm_, mvm_HostFunctionID id, mvm_Value *result, mvm_Value *args,
                               uint8_t argCount) {
  (void)id;
  *result = argCount ? mva_echo(vm_, args[0]) : mvm_undefined;
  return MVM_E_SUCCESS;
}

static mvm_TeError resolve_import(mvm_HostFunctionID id, void *context, mvm_TfHostFunction *out) {
  (void)context;
  if (id == 1) { *out = import_print; return MVM_E_SUCCESS; }
  if (id == 2) { *out = import_echo; return MVM_E_SUCCESS; }
  return MVM_E_UNRESOLVED_IMPORT;
}

/* ---- fatal errors: unwind to the loop, discard the VM ------------------- */

void mva_fatal(struct mvm_VM *vm_, int error) {
  (void)vm_;
  fatal_code = error;
#ifdef MVA_DEBUG_FATAL
  { uintptr_t ra = (uintptr_t)__builtin_return_address(0); static const char hx[] = "0123456789abcdef";
    hal_putc('#'); for (int i = 28; i >= 0; i -= 4) hal_putc((uint8_t)hx[(ra >> i) & 15]); hal_putc('\n'); }
#endif
  if (in_engine) longjmp(fatal_jump, 1);
  /* Not inside a command: nothing to unwind to. */
  hal_reset();
  for (;;) {}
}

static void drop_vm(void) {
  vm = NULL;
  mvp_page_init(mva_page);
}

/* ---- commands ------------------------------------------------------------ */

static void cmd_ready(void) {
  const mva_board_info *b = hal_board_info();
  char uid[40];
  hal_unique_id(uid, sizeof uid);
  out_begin("READY");
  out_str(" proto="); out_u32(MVA_PROTOCOL_VERSION);
  out_str(" engine=" MVA_ENGINE_VERSION);
  out_str(" board="); out_str(b->kind);
  out_str(" cpu="); out_str(b->cpu);
  out_str(" uid="); out_str(uid);
  out_str(" heap="); out_u32(MVP_MAX_HEAP_SIZE);
  out_str(" stack="); out_u32(MVP_STACK_SIZE);
  out_str(" float="); out_u32(MVP_SUPPORT_FLOAT);
  out_str(" page="); out_u32(MVP_PAGE_SIZE);
  out_str(" image="); out_u32(MVA_IMAGE_MAX);
  out_str(" line="); out_u32(MVA_LINE_MAX);
  out_str(" chunk="); out_u32(MVA_CHUNK_BYTES);
  out_str(" gas="); out_i32(default_gas);
  out_str(" clock="); out_u32(b->clock_hz);
  out_str(" baud="); out_u32(b->baud);
  out_end();
}

static void out_done(uint32_t cycles) {
  out_begin("DONE");
  out_str(" cycles="); out_u32(cycles);
  out_str(" gas=");
  if (vm && mvm_getInstructionCountRemaining(vm) >= 0) out_i32(mvm_getInstructionCountRemaining(vm));
  else out_str("off");
  out_end();
}

static void nak(const char *code) { out_line("NAK", code); }
static void err(const char *code) { out_line("ERR", code); }

static bool need_vm(void) {
  if (vm) return true;
  err(vm_killed ? "E_VM_KILLED" : "E_NO_VM");
  return false;
}

static void cmd_load(const char *p, const char *end) {
  uint32_t size, crc;
  if (!parse_u32(&p, end, &size) || !skip_space(&p, end) || !parse_hex32(&p, end, &crc) || p != end) {
    nak("E_FORMAT");
    return;
  }
  if (size > MVA_IMAGE_MAX || size == 0) { err("E_TOO_LARGE"); return; }
  if (image_valid && size == image_size && crc == image_crc) {
    out_line("OK", "have"); /* the same image is already here: no upload */
    return;
  }
  if (vm) { mvm_free(vm); drop_vm(); }
  image_valid = false;
  image_size = size;
  image_crc = crc;
  image_received = 0;
  out_line("OK", "send");
}

static void cmd_chunk(const char *p, const char *end) {
  uint32_t offset;
  if (!parse_u32(&p, end, &offset) || !skip_space(&p, end)) { nak("E_FORMAT"); return; }
  if (image_size == 0 || image_valid) { err("E_STATE"); return; }
  /* Decode into the tail first so a bad chunk changes nothing we keep. */
  uint8_t tmp[MVA_CHUNK_BYTES];
  long n = base64_decode(p, (size_t)(end - p), tmp, sizeof tmp);
  if (n <= 0) { nak("E_FORMAT"); return; }
  if (offset + (uint32_t)n <= image_received) {
    /* a resent chunk we already hold */
  } else if (offset != image_received || offset + (uint32_t)n > image_size) {
    out_begin("NAK E_OFFSET");
    out_str(" "); out_u32(image_received);
    out_end();
    return;
  } else {
    memcpy(image + offset, tmp, (size_t)n);
    image_received = offset + (uint32_t)n;
  }
  out_begin("ACK");
  out_str(" "); out_u32(image_received);
  out_end();
}

static void restore_from_image(void) {
  if (vm) mvm_free(vm);
  drop_vm();
  vm_killed = false;
  scenario_gas = -1;
  in_engine = true;
  mvm_TeError e = mvm_restore(&vm, image, image_size, mva_page, resolve_import);
  in_engine = false;
  if (e != MVM_E_SUCCESS) {
    drop_vm();
    out_begin("ERR E_RESTORE ");
    out_error_name(e);
    out_end();
    return;
  }
  out_line("OK", NULL);
}

static void cmd_restore(void) {
  if (!image_valid) {
    if (image_size == 0 || image_received != image_size) { err("E_INCOMPLETE"); return; }
    if (mva_crc32_update(0, image, image_size) != image_crc) {
      image_received = 0; /* the host sends it again */
      err("E_IMAGE_CRC");
      return;
    }
    image_valid = true;
  }
  restore_from_image();
}

static mvm_Handle arg_handles[16];

static void cmd_call(const char *p, const char *end) {
  uint32_t id;
  if (!parse_u32(&p, end, &id) || id > 0xFFFF || !skip_space(&p, end)) { nak("E_FORMAT"); return; }
  if (!need_vm()) return;
  uint8_t argc = 0;
  in_engine = true;
  if (mva_parse_args(vm, p, (size_t)(end - p), arg_handles, 16, &argc) != 0) {
    mva_release_args(vm, arg_handles, argc);
    in_engine = false;
    err("E_ARGS");
    return;
  }
  mvm_Value func, result = mvm_undefined, args[16];
  mvm_VMExportID export_id = (mvm_VMExportID)id;
  mvm_TeError e = mvm_resolveExports(vm, &export_id, &func, 1);
  uint32_t cycles = 0;
  if (e == MVM_E_SUCCESS) {
    for (uint8_t i = 0; i < argc; i++) args[i] = mvm_handleGet(&arg_handles[i]);
    mvm_stopAfterNInstructions(vm, scenario_gas >= 0 ? scenario_gas : default_gas);
    uint32_t t0 = hal_cycles();
    e = mvm_call(vm, func, &result, args, argc);
    cycles = hal_cycles() - t0;
  }
  mva_release_args(vm, arg_handles, argc);
  if (e == MVM_E_SUCCESS) {
    out_begin("T return ");
    mva_encode(vm, result, &out_sink);
  } else if (e == MVM_E_UNCAUGHT_EXCEPTION) {
    out_begin("T throw ");
    mva_encode(vm, result, &out_sink);
  } else {
    out_begin("T error ");
    out_error_name(e);
  }
  out_end();
  in_engine = false;
  out_done(cycles);
}

static void cmd_snapshot(void) {
  if (!need_vm()) return;
  size_t size = 0;
  in_engine = true;
  /* Collect first so the capture holds no garbage, whatever this host
     allocated (FORMAT.md, the snapshot step). */
  mvm_runGC(vm, false);
  uint8_t *snap = mvm_createSnapshot(vm, &size);
  in_engine = false;
  if (!snap) { err("E_SNAPSHOT"); return; }
  uint32_t crc = mva_crc32_update(0, snap, size);
  out_begin("T snapshot ");
  out_u32((uint32_t)size);
  out_str(" ");
  out_hex(crc, 8);
  out_end();
  for (size_t off = 0; off < size; off += MVA_SDATA_BYTES) {
    size_t n = size - off < MVA_SDATA_BYTES ? size - off : MVA_SDATA_BYTES;
    out_begin("SDATA ");
    out_u32((uint32_t)off);
    out_str(" ");
    out_base64(snap + off, n);
    out_end();
  }
  if (size > MVA_IMAGE_MAX) {
    mvm_free(vm);
    drop_vm();
    err("E_TOO_LARGE");
    return;
  }
  /* The capture lives in the page: free the VM (which leaves it in place),
     move it to the image buffer, then restore from it. */
  mvm_free(vm);
  vm = NULL;
  memcpy(image, snap, size);
  image_size = (uint32_t)size;
  image_received = image_size;
  image_crc = crc;
  image_valid = true;
  int32_t gas = scenario_gas;
  drop_vm();
  in_engine = true;
  mvm_TeError e = mvm_restore(&vm, image, image_size, mva_page, resolve_import);
  in_engine = false;
  scenario_gas = gas;
  if (e != MVM_E_SUCCESS) {
    drop_vm();
    out_begin("ERR E_RESTORE ");
    out_error_name(e);
    out_end();
    return;
  }
  out_done(0);
}

static void cmd_stats(void) {
  mvp_page_stats page;
  mvp_page_get_stats(mva_page, &page);
  out_begin("STATS");
  out_str(" page_used="); out_u32(page.used);
  out_str(" page_peak="); out_u32(page.peak_used);
  out_str(" page_free="); out_u32(page.free);
  out_str(" page_largest="); out_u32(page.largest_free);
  if (vm) {
    mvm_TsMemoryStats s;
    mvm_getMemoryStats(vm, &s);
    out_str(" vm_total="); out_u32((uint32_t)s.totalSize);
    out_str(" heap_used="); out_u32((uint32_t)s.virtualHeapUsed);
    out_str(" heap_peak="); out_u32((uint32_t)s.virtualHeapHighWaterMark);
    out_str(" heap_capacity="); out_u32((uint32_t)s.virtualHeapAllocatedCapacity);
    out_str(" stack_peak="); out_u32((uint32_t)s.stackHighWaterMark);
  }
  out_str(" image="); out_u32(image_valid ? image_size : 0);
  out_str(" uptime_ms="); out_u32(hal_millis());
  out_end();
}

static bool verb_is(const char **p, const char *end, const char *verb) {
  size_t n = strlen(verb);
  if ((size_t)(end - *p) < n || memcmp(*p, verb, n) != 0) return false;
  if (*p + n != end && (*p)[n] != ' ') return false;
  *p += n;
  if (*p < end) (*p)++;
  return true;
}

static void dispatch(const char *p, const char *end) {
  int32_t limit;
  if (verb_is(&p, end, "HELLO")) cmd_ready();
  else if (verb_is(&p, end, "LOAD")) cmd_load(p, end);
  else if (verb_is(&p, end, "CHUNK")) cmd_chunk(p, end);
  else if (verb_is(&p, end, "RESTORE")) cmd_restore();
  else if (verb_is(&p, end, "CALL")) cmd_call(p, end);
  else if (verb_is(&p, end, "SNAP")) cmd_snapshot();
  else if (verb_is(&p, end, "GAS")) {
    if (!parse_limit(p, end, &limit)) nak("E_FORMAT");
    else { scenario_gas = limit; out_line("OK", NULL); }
  } else if (verb_is(&p, end, "LIMIT")) {
    if (!parse_limit(p, end, &limit)) nak("E_FORMAT");
    else { default_gas = limit; out_line("OK", NULL); }
  } else if (verb_is(&p, end, "GC")) {
    if (need_vm()) {
      uint32_t t0 = hal_cycles();
      in_engine = true;
      mvm_runGC(vm, false);
      in_engine = false;
      out_done(hal_cycles() - t0);
    }
  } else if (verb_is(&p, end, "HEAP")) {
    if (need_vm()) {
      in_engine = true;
      uint32_t used = mva_heap_used(vm);
      in_engine = false;
      out_begin("T heap ");
      out_u32(used);
      out_end();
      out_done(0);
    }
  } else if (verb_is(&p, end, "STATS")) cmd_stats();
  else if (verb_is(&p, end, "RESET")) { out_line("OK", NULL); hal_reset(); }
  else if (verb_is(&p, end, "EXIT")) {
    uint32_t code = 0;
    parse_u32(&p, end, &code);
    out_line("OK", NULL);
    hal_exit((int)code);
  } else nak("E_UNKNOWN");
}

/* ---- input lines --------------------------------------------------------- */

/* Reads one line into `line` (NUL-terminated, without the line end). Returns
   its length, or -1 if it overflowed (the rest was discarded). A partial line
   older than a second is dropped: it was line noise or a host that went away. */
static int read_line(void) {
  size_t n = 0;
  bool overflow = false;
  for (;;) {
    int c = hal_getc(n ? 1000 : 200);
    if (c < 0) {
      hal_watchdog_kick();
      if (n || overflow) { n = 0; overflow = false; }
      continue;
    }
    if (c == '\n') break;
    if (c == '\r') continue;
    if (n < MVA_LINE_MAX) line[n++] = (char)c;
    else overflow = true;
  }
  line[n] = 0;
  return overflow ? -1 : (int)n;
}

static int hex_digit(char c) {
  return (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

static void handle_line(int n) {
  if (n == 0) return; /* empty lines resynchronise the framing */
  current_seq = 0;
  if (n < 0) { nak("E_TOO_LONG"); return; }
  /* A human may type a bare HELLO. */
  if (n == 5 && memcmp(line, "HELLO", 5) == 0) { cmd_ready(); return; }
  /* "<seq> <VERB>[ payload] *<crc16>" */
  if (n < 8 || line[n - 6] != ' ' || line[n - 5] != '*') { nak("E_FORMAT"); return; }
  uint16_t crc = 0;
  for (int i = n - 4; i < n; i++) {
    int d = hex_digit(line[i]);
    if (d < 0) { nak("E_FORMAT"); return; }
    crc = (uint16_t)(crc << 4 | (uint16_t)d);
  }
  const char *end = line + n - 6;
  if (mva_crc16_update(0xFFFF, line, (size_t)(end - line)) != crc) { nak("E_CRC"); return; }
  const char *p = line;
  uint32_t seq;
  if (!parse_u32(&p, end, &seq) || !skip_space(&p, end)) { nak("E_FORMAT"); return; }
  current_seq = seq;
  dispatch(p, end);
}

void mva_main(void) {
  hal_init();
  hal_watchdog_kick();
  mvp_page_init(mva_page);
  current_seq = 0;
  cmd_ready();
  if (setjmp(fatal_jump)) {
    /* A fatal engine error: the VM's state cannot be trusted. */
    in_engine = false;
    if (out_open) { hal_putc('\n'); out_open = false; }
    drop_vm();
    vm_killed = true;
    out_begin("FATAL ");
    out_error_name(fatal_code);
    out_end();
  }
  for (;;) {
    int n = read_line();
    hal_watchdog_kick();
    handle_line(n);
  }
}
