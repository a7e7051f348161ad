/* What the ARM startup and the shared Cortex-M code need from a board file. */
#ifndef BOARD_H
#define BOARD_H
#include <stdint.h>
void board_uart_putc(uint8_t c);
__attribute__((noreturn)) void board_reset(void);
#endif
