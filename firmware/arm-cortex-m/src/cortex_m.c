/*
 * The board-independent part of the Cortex-M HAL: a cycle counter on SysTick
 * (DWT's CYCCNT is not modelled by QEMU), millis, reset, semihosting exit.
 */
#include <stdint.h>

#include "board.h"
#include "mva_hal.h"

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define SCB_AIRCR (*(volatile uint32_t *)0xE000ED0Cu)

static volatile uint32_t systick_wraps;

void SysTick_Handler(void) { systick_wraps++; }

void cortex_m_cycles_init(void) {
  SYST_RVR = 0xFFFFFFu;
  SYST_CVR = 0;
  SYST_CSR = 7u; /* processor clock, interrupt, enable */
}

static uint64_t cycles64(void) {
  uint32_t hi, lo;
  do {
    hi = systick_wraps;
    lo = 0xFFFFFFu - SYST_CVR;
  } while (hi != systick_wraps);
  return ((uint64_t)hi << 24) | lo;
}

uint32_t hal_cycles(void) { return (uint32_t)cycles64(); }

uint32_t hal_millis(void) { return (uint32_t)(cycles64() / (hal_board_info()->clock_hz / 1000u)); }

void board_reset(void) {
  __asm volatile("dsb");
  SCB_AIRCR = 0x05FA0004u; /* SYSRESETREQ */
  __asm volatile("dsb");
  for (;;) {}
}

void hal_reset(void) {
  hal_flush();
  board_reset();
}

#if defined(MVA_SEMIHOSTING)
/* SYS_EXIT_EXTENDED with ADP_Stopped_ApplicationExit: QEMU exits with `status`. */
void hal_exit(int status) {
  hal_flush();
  volatile uint32_t block[2] = {0x20026u, (uint32_t)status};
  register uint32_t r0 __asm("r0") = 0x20u;
  register volatile uint32_t *r1 __asm("r1") = block;
  __asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  for (;;) {}
}
#else
void hal_exit(int status) {
  (void)status;
  hal_reset();
}
#endif

int main(void) {
  extern void mva_main(void);
  mva_main();
  return 0;
}
