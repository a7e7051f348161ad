/*
 * ARM MPS2 FPGA images as QEMU models them (mps2-an385: Cortex-M3,
 * mps2-an386: Cortex-M4, mps2-an500: Cortex-M7): CMSDK APB UART0, polled.
 */
#include <stdint.h>

#include "board.h"
#include "mva_hal.h"

#define UART0_BASE 0x40004000u
#define UART_DATA (*(volatile uint32_t *)(UART0_BASE + 0x00))
#define UART_STATE (*(volatile uint32_t *)(UART0_BASE + 0x04))
#define UART_CTRL (*(volatile uint32_t *)(UART0_BASE + 0x08))
#define UART_BAUDDIV (*(volatile uint32_t *)(UART0_BASE + 0x10))
#define STATE_TX_FULL 1u
#define STATE_RX_FULL 2u

#ifndef MVA_BOARD_KIND
#define MVA_BOARD_KIND "qemu-mps2"
#endif
#ifndef MVA_BOARD_CPU
#define MVA_BOARD_CPU "cortex-m"
#endif
#ifndef MVA_BOARD_CLOCK
#define MVA_BOARD_CLOCK 25000000u
#endif

static const mva_board_info info = {MVA_BOARD_KIND, MVA_BOARD_CPU, MVA_BOARD_CLOCK, 115200};

extern void cortex_m_cycles_init(void);

void hal_init(void) {
  cortex_m_cycles_init();
  UART_BAUDDIV = MVA_BOARD_CLOCK / 115200u;
  UART_CTRL = 3u; /* TX and RX enable */
}

const mva_board_info *hal_board_info(void) { return &info; }

void board_uart_putc(uint8_t c) {
  while (UART_STATE & STATE_TX_FULL) {}
  UART_DATA = c;
}
void hal_putc(uint8_t c) { board_uart_putc(c); }
void hal_flush(void) {}

int hal_getc(uint32_t timeout_ms) {
  uint32_t start = hal_millis();
  for (;;) {
    if (UART_STATE & STATE_RX_FULL) return (int)(UART_DATA & 0xFFu);
    if (hal_millis() - start >= timeout_ms) return -1;
  }
}

void hal_unique_id(char *out, size_t size) {
  /* No ID register on these images: the emulator's name. */
  const char *id = MVA_BOARD_KIND;
  size_t i = 0;
  while (id[i] && i + 1 < size) { out[i] = id[i]; i++; }
  out[i] = 0;
}

void hal_watchdog_kick(void) {}
