/*
 * mva_hal.h: what a board supplies to the agent. Nothing else in the agent
 * touches hardware, so the same agent runs on every board and natively.
 *
 * Every function is called from the agent's single thread of execution (no
 * interrupts call into the agent).
 */
#ifndef MVA_HAL_H
#define MVA_HAL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Facts about the board, printed in the ready banner. */
typedef struct mva_board_info {
  const char *kind;    /* stable board name, e.g. "nucleo-f446re", "qemu-mps2-an385" */
  const char *cpu;     /* e.g. "cortex-m4", "rv32imac" */
  uint32_t clock_hz;   /* rate of hal_cycles() */
  uint32_t baud;       /* UART baud rate (0 when it has none, e.g. a pty or stdio) */
} mva_board_info;

/* Initialise clocks, the UART (8N1, no flow control) and the cycle counter. */
void hal_init(void);
const mva_board_info *hal_board_info(void);

/* Sends one byte; blocks until the UART accepted it. */
void hal_putc(uint8_t c);
/* Sends pending output (no-op where hal_putc is synchronous). */
void hal_flush(void);
/* Receives one byte, waiting at most `timeout_ms` milliseconds; returns the
   byte (0..255) or -1 on timeout. */
int hal_getc(uint32_t timeout_ms);

/* A free-running counter of `clock_hz` ticks (wraps at 2^32). */
uint32_t hal_cycles(void);
/* Milliseconds since boot (wraps at 2^32). */
uint32_t hal_millis(void);

/* Writes the board's unique ID as a NUL-terminated string of at most
   `size` bytes (hex digits, or a fixed name on emulators). */
void hal_unique_id(char *out, size_t size);

/* Restarts the board (never returns). */
void hal_reset(void);
/* Ends an emulator run with `status` (semihosting or a test device); on a
   real board, resets. Never returns. */
void hal_exit(int status);
/* Starts (first call) and feeds the watchdog. */
void hal_watchdog_kick(void);

#ifdef __cplusplus
}
#endif

#endif
