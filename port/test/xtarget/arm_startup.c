/*
 * Bare-metal start-up for the ARM MPS2 boards under QEMU (mps2-an385:
 * Cortex-M3; mps2-an386: Cortex-M4 with FPU). Code and read-only data at
 * 0x00000000, RAM at 0x20000000 (see mps2.ld). Output and exit go through
 * semihosting (run QEMU with -semihosting-config enable=on,target=native).
 */
#include <stddef.h>
#include <stdint.h>

int xt_digest(void);

extern uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[], __stack_top[];

#define SYS_WRITE0 0x04
#define SYS_EXIT 0x18
#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

static int semihost(int op, const void *arg) {
  register int r0 __asm__("r0") = op;
  register const void *r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt #0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void xt_write(const char *s, size_t n) {
  char buf[129];
  while (n) {
    size_t k = n < 128 ? n : 128, i;
    for (i = 0; i < k; i++) buf[i] = s[i];
    buf[k] = 0;
    semihost(SYS_WRITE0, buf);
    s += k;
    n -= k;
  }
}

static void xt_exit(int code) {
  uint32_t block[2];
  block[0] = ADP_STOPPED_APPLICATION_EXIT;
  block[1] = (uint32_t)code;
  semihost(SYS_EXIT_EXTENDED, block);
  semihost(SYS_EXIT, (const void *)(uintptr_t)ADP_STOPPED_APPLICATION_EXIT); /* older hosts */
  for (;;) {
  }
}

void Reset_Handler(void) {
  uint32_t *src, *dst;
#if defined(__ARM_FP)
  /* Enable CP10/CP11 (the FPU) before any floating-point instruction. */
  *(volatile uint32_t *)0xE000ED88 |= 0xFu << 20;
  __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
  for (src = __data_load, dst = __data_start; dst < __data_end;) *dst++ = *src++;
  for (dst = __bss_start; dst < __bss_end;) *dst++ = 0;
  xt_exit(xt_digest());
}

static void fault(const char *what) {
  semihost(SYS_WRITE0, what);
  xt_exit(3);
}

void HardFault_Handler(void) { fault("fault: HardFault\n"); }
void MemManage_Handler(void) { fault("fault: MemManage\n"); }
void BusFault_Handler(void) { fault("fault: BusFault\n"); }
void UsageFault_Handler(void) { fault("fault: UsageFault\n"); }
void Default_Handler(void) { fault("fault: unexpected interrupt\n"); }

typedef void (*vector)(void);

__attribute__((section(".isr_vector"), used)) const vector xt_vectors[16] = {
  (vector)(uintptr_t)__stack_top,
  Reset_Handler,
  Default_Handler,    /* NMI */
  HardFault_Handler,
  MemManage_Handler,
  BusFault_Handler,
  UsageFault_Handler,
  0, 0, 0, 0,
  Default_Handler,    /* SVC */
  Default_Handler,    /* debug monitor */
  0,
  Default_Handler,    /* PendSV */
  Default_Handler,    /* SysTick */
};
