/*
 * Cortex-M startup shared by every ARM board: vector table, .data/.bss setup,
 * FPU enable, and fault handlers that report and reset (the agent never
 * wedges on a fault).
 */
#include <stdint.h>
#include <string.h>

#include "board.h"

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
extern int main(void);

void Reset_Handler(void);
void Fault_Handler(void);
void Default_Handler(void);
void SysTick_Handler(void);

__attribute__((section(".vectors"), used)) void (*const vector_table[16 + 16])(void) = {
  (void (*)(void))(&_estack),
  Reset_Handler,
  Default_Handler, /* NMI */
  Fault_Handler,   /* HardFault */
  Fault_Handler,   /* MemManage */
  Fault_Handler,   /* BusFault */
  Fault_Handler,   /* UsageFault */
  0, 0, 0, 0,
  Default_Handler, /* SVCall */
  Default_Handler, /* DebugMon */
  0,
  Default_Handler, /* PendSV */
  SysTick_Handler,
  /* external interrupts: unused (the UART is polled) */
  Default_Handler, Default_Handler, Default_Handler, Default_Handler,
  Default_Handler, Default_Handler, Default_Handler, Default_Handler,
  Default_Handler, Default_Handler, Default_Handler, Default_Handler,
  Default_Handler, Default_Handler, Default_Handler, Default_Handler,
};

#define SCB_VTOR (*(volatile uint32_t *)0xE000ED08u)
#define SCB_CPACR (*(volatile uint32_t *)0xE000ED88u)
#define SCB_SHCSR (*(volatile uint32_t *)0xE000ED24u)
#define SCB_CFSR (*(volatile uint32_t *)0xE000ED28u)

void Reset_Handler(void) {
  uint32_t *src = &_sidata, *dst = &_sdata;
  while (dst < &_edata) *dst++ = *src++;
  for (dst = &_sbss; dst < &_ebss; dst++) *dst = 0;
  SCB_VTOR = (uint32_t)vector_table;
#if defined(__ARM_FP)
  SCB_CPACR |= 0xFu << 20; /* CP10, CP11 full access */
  __asm volatile("dsb; isb");
#endif
  SCB_SHCSR |= 7u << 16; /* separate MemManage, BusFault, UsageFault */
  main();
  for (;;) {}
}

static void fault_puts(const char *s) {
  while (*s) board_uart_putc((uint8_t)*s++);
}

/* A CPU fault is reported on the wire as an unframed line (a host reads it
   as noise and then sees the banner of the reset that follows). */
void Fault_Handler(void) {
  static const char hex[] = "0123456789abcdef";
  uint32_t cfsr = SCB_CFSR;
  char buf[9];
  for (int i = 0; i < 8; i++) buf[i] = hex[(cfsr >> (28 - 4 * i)) & 15];
  buf[8] = 0;
  fault_puts("\n# cpu fault cfsr=");
  fault_puts(buf);
  fault_puts(", resetting\n");
  board_reset();
}

void Default_Handler(void) { Fault_Handler(); }
