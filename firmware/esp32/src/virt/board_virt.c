/*
 * QEMU riscv32 `virt`, the CI stand-in for the ESP32-C3 (same rv32imac/ilp32
 * code): NS16550A UART at 0x10000000, CLINT mtime (10 MHz) as the cycle
 * counter, SiFive test device at 0x100000 to exit or reset.
 */
#include <stdint.h>

#include "mva_hal.h"

#define UART ((volatile uint8_t *)0x10000000u)
#define UART_RBR 0
#define UART_THR 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_LSR 5
#define LSR_DR 0x01
#define LSR_THRE 0x20
#define MTIME_LO (*(volatile uint32_t *)0x0200BFF8u)
#define MTIME_HI (*(volatile uint32_t *)0x0200BFFCu)
#define TEST_DEVICE (*(volatile uint32_t *)0x00100000u)
#define MTIME_HZ 10000000u

static const mva_board_info info = {"qemu-riscv32-virt", "rv32imac", MTIME_HZ, 115200};

void hal_init(void) {
  UART[UART_IER] = 0;
  UART[UART_LCR] = 0x03; /* 8N1 */
  UART[UART_FCR] = 0x07; /* FIFOs on and cleared */
}

const mva_board_info *hal_board_info(void) { return &info; }

void hal_putc(uint8_t c) {
  while (!(UART[UART_LSR] & LSR_THRE)) {}
  UART[UART_THR] = c;
}
void hal_flush(void) {}

static uint64_t mtime(void) {
  uint32_t hi, lo;
  do {
    hi = MTIME_HI;
    lo = MTIME_LO;
  } while (hi != MTIME_HI);
  return (uint64_t)hi << 32 | lo;
}

uint32_t hal_cycles(void) { return (uint32_t)mtime(); }
uint32_t hal_millis(void) { return (uint32_t)(mtime() / (MTIME_HZ / 1000u)); }

int hal_getc(uint32_t timeout_ms) {
  uint32_t start = hal_millis();
  for (;;) {
    if (UART[UART_LSR] & LSR_DR) return UART[UART_RBR];
    if (hal_millis() - start >= timeout_ms) return -1;
  }
}

void hal_unique_id(char *out, size_t size) {
  const char *id = info.kind;
  size_t i = 0;
  while (id[i] && i + 1 < size) { out[i] = id[i]; i++; }
  out[i] = 0;
}

void hal_reset(void) {
  TEST_DEVICE = 0x7777u;
  for (;;) {}
}

void hal_exit(int status) {
  TEST_DEVICE = status == 0 ? 0x5555u : ((uint32_t)status << 16) | 0x3333u;
  for (;;) {}
}

void hal_watchdog_kick(void) {}

static void puts_raw(const char *s) {
  while (*s) hal_putc((uint8_t)*s++);
}

/* A CPU trap is reported as an unframed line, then the board resets. */
void virt_trap(uint32_t cause, uint32_t epc, uint32_t tval) {
  static const char hex[] = "0123456789abcdef";
  uint32_t v[3] = {cause, epc, tval};
  static const char *names[3] = {"\n# cpu trap mcause=", " mepc=", " mtval="};
  for (int k = 0; k < 3; k++) {
    char buf[9];
    for (int i = 0; i < 8; i++) buf[i] = hex[(v[k] >> (28 - 4 * i)) & 15];
    buf[8] = 0;
    puts_raw(names[k]);
    puts_raw(buf);
  }
  puts_raw(", resetting\n");
  hal_reset();
}

int main(void) {
  extern void mva_main(void);
  mva_main();
  return 0;
}
