/*
 * STM32F4 boards on USART2 (PA2 TX, PA3 RX, AF7): the ST Nucleo-F446RE (its
 * ST-LINK virtual COM port) and QEMU's netduinoplus2 (STM32F405), which has
 * the same USART2 registers, so this driver runs unchanged on both. Clocks
 * stay at reset defaults (HSI 16 MHz): no PLL to get wrong.
 */
#include <stdint.h>

#include "board.h"
#include "mva_hal.h"

#define RCC_AHB1ENR (*(volatile uint32_t *)0x40023830u)
#define RCC_APB1ENR (*(volatile uint32_t *)0x40023840u)
#define GPIOA_MODER (*(volatile uint32_t *)0x40020000u)
#define GPIOA_AFRL (*(volatile uint32_t *)0x40020020u)
#define USART2_BASE 0x40004400u
#define USART_SR (*(volatile uint32_t *)(USART2_BASE + 0x00))
#define USART_DR (*(volatile uint32_t *)(USART2_BASE + 0x04))
#define USART_BRR (*(volatile uint32_t *)(USART2_BASE + 0x08))
#define USART_CR1 (*(volatile uint32_t *)(USART2_BASE + 0x0C))
#define SR_ORE (1u << 3)
#define SR_RXNE (1u << 5)
#define SR_TXE (1u << 7)
#define IWDG_KR (*(volatile uint32_t *)0x40003000u)
#define IWDG_PR (*(volatile uint32_t *)0x40003004u)
#define IWDG_RLR (*(volatile uint32_t *)0x40003008u)
#define UID_BASE ((const volatile uint32_t *)0x1FFF7A10u)

#ifndef MVA_BOARD_KIND
#define MVA_BOARD_KIND "nucleo-f446re"
#endif
#ifndef MVA_BOARD_CLOCK
#define MVA_BOARD_CLOCK 16000000u /* HSI after reset */
#endif
#define BAUD 115200u

static const mva_board_info info = {MVA_BOARD_KIND, "cortex-m4", MVA_BOARD_CLOCK, BAUD};

extern void cortex_m_cycles_init(void);

void hal_init(void) {
  cortex_m_cycles_init();
  RCC_AHB1ENR |= 1u << 0;  /* GPIOA */
  RCC_APB1ENR |= 1u << 17; /* USART2 */
  (void)RCC_APB1ENR;
  GPIOA_MODER = (GPIOA_MODER & ~(0xFu << 4)) | (0xAu << 4);    /* PA2, PA3: alternate function */
  GPIOA_AFRL = (GPIOA_AFRL & ~(0xFFu << 8)) | (0x77u << 8);    /* AF7 = USART2 */
  USART_BRR = (MVA_BOARD_CLOCK + BAUD / 2) / BAUD;             /* oversampling by 16 */
  USART_CR1 = (1u << 13) | (1u << 3) | (1u << 2);              /* UE, TE, RE */
}

const mva_board_info *hal_board_info(void) { return &info; }

void board_uart_putc(uint8_t c) {
  while (!(USART_SR & SR_TXE)) {}
  USART_DR = c;
}
void hal_putc(uint8_t c) { board_uart_putc(c); }
void hal_flush(void) {}

int hal_getc(uint32_t timeout_ms) {
  uint32_t start = hal_millis();
  for (;;) {
    uint32_t sr = USART_SR;
    if (sr & (SR_RXNE | SR_ORE)) return (int)(USART_DR & 0xFFu); /* reading DR clears ORE */
    if (hal_millis() - start >= timeout_ms) return -1;
  }
}

void hal_unique_id(char *out, size_t size) {
#if defined(MVA_BOARD_QEMU)
  /* QEMU does not model the UID registers. */
  const char *id = MVA_BOARD_KIND;
  size_t i = 0;
  while (id[i] && i + 1 < size) { out[i] = id[i]; i++; }
  out[i] = 0;
#else
  static const char hex[] = "0123456789abcdef";
  size_t n = 0;
  for (int w = 2; w >= 0 && n + 8 < size; w--) {
    uint32_t v = UID_BASE[w];
    for (int i = 0; i < 8; i++) out[n++] = hex[(v >> (28 - 4 * i)) & 15];
  }
  out[n] = 0;
#endif
}

void hal_watchdog_kick(void) {
#if defined(MVA_WATCHDOG)
  static int started;
  if (!started) {
    /* LSI ~32 kHz / 256, reload 4095: about 32 s, longer than any call the
       default gas limit allows. */
    IWDG_KR = 0x5555u;
    IWDG_PR = 6u;
    IWDG_RLR = 0xFFFu;
    IWDG_KR = 0xCCCCu;
    started = 1;
  }
  IWDG_KR = 0xAAAAu;
#endif
}
