/*
 * The native agent's board: stdin/stdout stand in for the UART, so the agent
 * runs as a child process (tests, and a fast target). Same agent code as on
 * the boards; only this file differs.
 */
#define _POSIX_C_SOURCE 200809L
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mva.h"
#include "mva_hal.h"

static const mva_board_info info = {"native", "host", 1000000000u, 0};
static char **saved_argv;

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
static uint64_t boot_ns;

void hal_init(void) { boot_ns = now_ns(); }
const mva_board_info *hal_board_info(void) { return &info; }

static unsigned char obuf[4096];
static size_t olen;
void hal_flush(void) {
  size_t off = 0;
  while (off < olen) {
    ssize_t w = write(1, obuf + off, olen - off);
    if (w <= 0) exit(3);
    off += (size_t)w;
  }
  olen = 0;
}
void hal_putc(uint8_t c) {
  if (olen == sizeof obuf) hal_flush();
  obuf[olen++] = c;
}

static unsigned char ibuf[4096];
static size_t ipos, ilen;
int hal_getc(uint32_t timeout_ms) {
  if (ipos < ilen) return ibuf[ipos++];
  hal_flush();
  struct pollfd p = {0, POLLIN, 0};
  int r = poll(&p, 1, (int)timeout_ms);
  if (r <= 0) return -1;
  ssize_t n = read(0, ibuf, sizeof ibuf);
  if (n <= 0) exit(0); /* the host closed our stdin: done */
  ipos = 0;
  ilen = (size_t)n;
  return ibuf[ipos++];
}

uint32_t hal_cycles(void) { return (uint32_t)(now_ns() - boot_ns); }
uint32_t hal_millis(void) { return (uint32_t)((now_ns() - boot_ns) / 1000000u); }

void hal_unique_id(char *out, size_t size) { snprintf(out, size, "host-%ld", (long)getpid()); }

void hal_reset(void) {
  hal_flush();
  execv("/proc/self/exe", saved_argv);
  exit(4);
}
void hal_exit(int status) {
  hal_flush();
  exit(status);
}
void hal_watchdog_kick(void) {}

int main(int argc, char **argv) {
  (void)argc;
  saved_argv = argv;
  mva_main();
  return 0;
}
