/*
 * I/O for QEMU's riscv32 "virt" machine: text out through the 16550 UART at
 * 0x10000000, exit status through the SiFive test device at 0x100000.
 */
#include <stddef.h>
#include <stdint.h>

int xt_digest(void);
void xt_rv_main(void);
void xt_rv_trap(uint32_t cause);

#define UART ((volatile uint8_t *)0x10000000)
#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_THRE 0x20
#define TEST_DEVICE ((volatile uint32_t *)0x100000)

void xt_write(const char *s, size_t n) {
  while (n--) {
    while (!(UART[UART_LSR] & UART_LSR_THRE)) {
    }
    UART[UART_THR] = (uint8_t)*s++;
  }
}

static void xt_exit(int code) {
  *TEST_DEVICE = code == 0 ? 0x5555 : ((uint32_t)code << 16) | 0x3333;
  for (;;) {
  }
}

void xt_rv_main(void) { xt_exit(xt_digest()); }

void xt_rv_trap(uint32_t cause) {
  static const char hex[] = "0123456789abcdef";
  char msg[] = "fault: trap, mcause 0x00000000\n";
  int i;
  for (i = 0; i < 8; i++) msg[22 + i] = hex[(cause >> (28 - 4 * i)) & 15];
  xt_write(msg, sizeof msg - 1);
  xt_exit(3);
}
